import type { ComplexityEstimator } from 'graphql-query-complexity';
import { badInput } from '../bad-input';

/** Longest free text `search(query:)` and every list filter's `query` take, in characters. */
export const MAX_SEARCH_TEXT = 200;

/**
 * Refuses free text longer than MAX_SEARCH_TEXT in `search(query:)` and in any `filter: { query }`
 * while the operation is costed, so before any resolver runs. Each word becomes a `LIKE '%word%'`
 * served by a trigram index, whose work grows with the word: a 100 kB word is 100,000 trigrams
 * to look up. Prices nothing itself.
 */
export function freeTextEstimator(): ComplexityEstimator {
  return ({ args }) => {
    checkSearchText(args.query, 'query');
    const filter = args.filter as { query?: unknown } | null | undefined;
    checkSearchText(filter?.query, 'filter.query');
    return undefined;
  };
}

/** Throws BAD_USER_INPUT when `text` is a string over MAX_SEARCH_TEXT characters. */
export function checkSearchText(text: unknown, argument: string): void {
  if (typeof text === 'string' && text.length > MAX_SEARCH_TEXT) {
    throw badInput(`\`${argument}\` may be at most ${MAX_SEARCH_TEXT} characters long, not ${text.length}.`, argument);
  }
}
