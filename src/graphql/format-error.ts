import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable, isStatementTimeout, isUnstorableText } from '../database/unavailable';

/** Error codes a client may see with their message as written. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'QUERY_BUDGET_EXCEEDED',
  'DATABASE_BUSY',
  'SERVICE_UNAVAILABLE',
  'TIMEOUT',
]);

/** The message of an outage, the same in every mode: it says what to do and reveals nothing. */
export const UNAVAILABLE_MESSAGE = 'The database is unavailable right now. Try again shortly.';

/**
 * Masks internal failures: a client sees "Internal server error" and the request id, while the
 * log gets the whole error. User errors pass through untouched. An unreachable database is an
 * outage, not a bug: the client gets SERVICE_UNAVAILABLE and may retry. In development the
 * details of bugs stay.
 */
export function formatError(production: boolean, log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && CLIENT_CODES.has(code)) {
      if (!production) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const cause = unwrapResolverError(error);
    if (isDatabaseUnavailable(cause))
      return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    if (isStatementTimeout(cause)) {
      return {
        message: 'The database took too long to answer. Ask for less or try again.',
        path: formatted.path,
        extensions: { code: 'TIMEOUT' },
      };
    }
    if (isUnstorableText(cause))
      return {
        message: 'A text argument holds a character that cannot be stored or searched, such as NUL (\\u0000).',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    log(cause);
    if (!production) return formatted;
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
