import { type DocumentNode, GraphQLError, parse } from 'graphql';
import { type DocumentLimits, documentLimitError } from './document-limits';

/** The limits a query's text is held to before Apollo sees it. */
export interface DocumentGuardLimits extends DocumentLimits {
  /** Lexical tokens in the document (names, punctuation, values); the parser stops past it. */
  maxTokens: number;
}

/** Query texts that passed, kept so a dashboard's repeated operations are not parsed twice each time. */
const REMEMBERED = 256;
/** Longer texts are checked every time rather than held in memory. */
const REMEMBERED_LENGTH = 20_000;

/**
 * Checks a query's text against the limits before Apollo parses and validates it: graphql-js's
 * validation runs every rule in one pass, and its overlapping-fields rule is quadratic in fields
 * of the same name, so a rule of our own among them could report a huge document but not spare
 * the server the work. Parsing stops at `maxTokens`; the document's shape is then checked in
 * linear time (see documentLimitError). Returns the error to answer with (GRAPHQL_PARSE_FAILED
 * past the token limit, GRAPHQL_VALIDATION_FAILED past another), or null to let the query on to
 * Apollo, which also answers other syntax errors.
 */
export function documentGuard(limits: DocumentGuardLimits): (query: string) => GraphQLError | null {
  const passed = new Set<string>();
  return (query) => {
    if (passed.has(query)) return null;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens });
    } catch (syntax) {
      // The parser recurses per bracket, and a list value's brackets take many frames each.
      if (syntax instanceof RangeError)
        return new GraphQLError('The document nests brackets too deeply to be read: send a flatter one.', {
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        });
      if (!(syntax instanceof GraphQLError)) throw syntax;
      // graphql-js says "more that N tokens"; Apollo answers every other syntax error as it would.
      if (!/^Syntax Error: Document contains more th\w+ \d+ tokens\./.test(syntax.message)) return null;
      return new GraphQLError(
        `The document has more than the limit of ${limits.maxTokens} tokens (names, values and punctuation): send a smaller one.`,
        {
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
      );
    }
    const error = documentLimitError(document, limits);
    if (!error && query.length <= REMEMBERED_LENGTH) {
      if (passed.size >= REMEMBERED) passed.delete(passed.values().next().value!);
      passed.add(query);
    }
    return error;
  };
}
