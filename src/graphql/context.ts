import type { Database, SqlRunner } from '../database/database';
import type { ReadRoute } from '../database/replicas/read-route';
import type { StatementBudget } from './limits/statement-budget';
import type { Viewer } from './viewer';

/**
 * Every per-request loader, by name. Each folder with loaders adds them where it makes them
 * (`declare module '../graphql/context'` in `talks/talk.loaders.ts`, …), so that this folder, which
 * every concept imports, imports none; `api/request-context.ts` makes them all, and the compiler
 * checks it makes every one added here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging, see above
export interface Loaders {}

/**
 * What every resolver of one request sees; made by `api/request-context.ts`. `lists`, the
 * request's list pages, is added by `lists/list-loader.ts` the way the loaders are.
 */
export interface Context {
  requestId: string;
  /** The API key's holder; null for anonymous readers. */
  viewer: Viewer | null;
  db: Database;
  /** Where this request's statements go: the primary, or for a query operation a replica that has the caller's writes. */
  reads: ReadRoute;
  /** Runs SQL and counts it against this request. */
  sql: SqlRunner;
  /** How many SQL statements this request has run, and rows they returned, against its budget. */
  statements: StatementBudget;
  /** Every table this request's statements may have read (and other words of theirs): the response cache's tags. */
  tablesRead: Set<string>;
  /**
   * The same, but for statements confined to keys, the keys instead of the keyed tables (see
   * `keyedTagsRead`): the response cache's tags with RESPONSE_CACHE_INVALIDATION=keys.
   */
  tagsRead: Set<string>;
  loaders: Loaders;
  /** Drops what the request loaded; the HTTP endpoint calls it once the answer is written. */
  release(): void;
}
