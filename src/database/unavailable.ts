/** Network errors of a socket to the database. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** The error and the errors it wraps (TypeORM's driverError, a cause, GraphQL's originalError). */
type Wrapped = { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };
function* chain(error: unknown): Generator<Wrapped> {
  for (
    let e = error as Wrapped | undefined, depth = 0;
    e && depth < 5;
    e = (e.driverError ?? e.cause ?? e.originalError) as Wrapped | undefined, depth++
  )
    yield e;
}

/** The SQLSTATE or socket code of a database error, looking through wrappers; '' when none. */
export function databaseErrorCode(error: unknown): string {
  for (const e of chain(error)) if (typeof e.code === 'string') return e.code;
  return '';
}

/**
 * Whether an error means the database cannot be reached right now (down, restarting, shutting
 * down, out of connections) rather than that the statement was wrong: such a request may be
 * retried later and the client is told so.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = databaseErrorCode(error);
  // Class 08: connection exceptions; 57P01-57P03: shutting down or starting up; 53300: too many connections.
  if (SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
  for (const e of chain(error)) {
    // TypeORM releases a transaction's connection when its socket dies; later statements of it say so.
    if (e.name === 'QueryRunnerAlreadyReleasedError') return true;
    // The embedded database's pool stops: its waiting leases (a mutation's transaction) are refused.
    if (e.name === 'StatementRefused' && e.code === 'SERVICE_UNAVAILABLE') return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|Cannot use a pool after calling end/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}

/** Whether an error is PostgreSQL cancelling a statement that outran `statement_timeout`. */
export function isStatementTimeout(error: unknown): boolean {
  return databaseErrorCode(error) === '57014';
}

/** Whether PostgreSQL refused a text it cannot store or compare, such as one holding NUL. */
export function isUnstorableText(error: unknown): boolean {
  return ['22021', '22P05'].includes(databaseErrorCode(error));
}
