/** Pages larger than this are refused rather than parsed. Its own module: the GraphQL input reads it without loading the extractor. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;
