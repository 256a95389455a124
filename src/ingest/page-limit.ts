/** Pages larger than this are refused rather than parsed. Its own module: the GraphQL input reads it without loading the extractor. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/**
 * Milliseconds one page's extraction (decoding, encoding repair, front matter, reading the
 * event) may take in `npm run ingest` before the page fails as over budget.
 */
export const PAGE_TIME_BUDGET_MS = 2000;

/**
 * The same budget for a page an editor imports through the API: extraction is synchronous and
 * runs on the server's event loop, so this is how long one import may keep other requests waiting.
 */
export const EDITOR_PAGE_TIME_BUDGET_MS = 500;

/** Bytes of YAML front matter read at most; real pages hold a few hundred. */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
