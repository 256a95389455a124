import type { SqlParams } from '../database/sql-params';

/** One sort key of a keyset-paginated list, with the SQL type its cursor value casts back to. */
export interface SortKey {
  sql: string;
  type: 'timestamptz' | 'text' | 'int';
}

/** A position in a list: the sort-key values of a row, as text, and its id. */
export interface KeysetPosition {
  keys: string[];
  id: number;
}

/** A page request in database terms. */
export interface KeysetWindow {
  limit: number;
  /** Read backwards from the end (`last`). */
  backward: boolean;
  after?: KeysetPosition;
  before?: KeysetPosition;
}

/** Everything needed to page one list, possibly for many parents at once. */
export interface KeysetQuery {
  /** FROM clause, with aliases. */
  from: string;
  /** Select list of the entity's columns. */
  columns: string;
  /** Key expression, e.g. `t.id`: the final tie-breaker that makes the order total. */
  id: string;
  where: string[];
  sort: SortKey[];
  descending: boolean;
  params: SqlParams;
  /**
   * When set, one page per parent id, in a single statement: `condition` receives the SQL
   * reference to the current parent id.
   */
  parents?: {
    ids: readonly number[];
    condition: (parentRef: string) => string;
    /** When set, how a count of the parent's rows is read instead of counting them (`ParentPath.count`). */
    count?: (parentRef: string) => string;
  };
}

/** The columns a keyset page's rows carry besides the node's: its id and its position as text. */
export interface KeysetRow {
  __id: number;
  [key: `__k${number}`]: string;
}

/**
 * Builds the SQL of one keyset page (per parent when `parents` is set), each page as one JSON
 * array of its rows in `"__rows"` (`[]` when empty). Fetches one extra row to tell whether more
 * follow.
 */
export function keysetPageSql(query: KeysetQuery, window: KeysetWindow, count?: KeysetQuery): string {
  if (!query.parents) return `SELECT ${pageJson(pageSelect(query, window, query.where))} AS "__rows"`;
  const ids = query.params.add(query.parents.ids);
  // The parent list gets an alias no list's FROM uses (`project p` once shadowed a plain `p`).
  const page = pageSelect(query, window, [query.parents.condition('parent_ids.parent_id'), ...query.where]);
  // With `count` (the same list as `keysetCountSql` counts it), each parent's count comes along.
  const counted = count?.parents ? `, ${parentCount(count)} AS "count"` : '';
  return `SELECT parent_ids.parent_id AS "__parent", ${pageJson(page)} AS "__rows"${counted} FROM ${parentIds(ids)}`;
}

/**
 * Builds the SQL that looks roots up and reads the first keyset page of one of their lists in
 * the same statement: `roots` is a sub-select yielding `"__key"`, `"__root_id"` and `"__root"`,
 * and `condition` ties the list to `"__root_id"`. One row per root found, with its page in
 * `"__rows"` as `keysetPageSql` gives it.
 */
export function keysetRootPageSql(roots: string, condition: (rootRef: string) => string, query: KeysetQuery, window: KeysetWindow): string {
  const page = pageSelect(query, window, [condition('root."__root_id"'), ...query.where]);
  return `SELECT root."__key", root."__root_id", root."__root", ${pageJson(page)} AS "__rows" FROM (${roots}) root`;
}

/**
 * A page's rows as one JSON array, in the page's order. The client then parses one value per
 * page with one native `JSON.parse`, instead of decoding every column of every row (for 50 talks
 * with their event, speakers and projects, that decoding was a sixth of the server's work).
 */
function pageJson(page: string): string {
  return `(SELECT coalesce(json_agg(page), '[]') FROM (${page}) page)`;
}

/** The SELECT of one page of `query` under `where`, with the key columns a cursor is made of. */
function pageSelect(query: KeysetQuery, window: KeysetWindow, conditions: string[]): string {
  const { params, sort } = query;
  const where = [...conditions];
  const tuple = `(${[...sort.map((k) => k.sql), query.id].join(', ')})`;
  const bound = (position: KeysetPosition, upper: boolean) => {
    const values = sort.map((k, i) => `${params.add(position.keys[i])}::${k.type}`);
    values.push(`${params.add(position.id)}::int`);
    // Rows after a position in a descending list have smaller keys, and vice versa.
    const op = upper !== query.descending ? '<' : '>';
    return `${tuple} ${op} (${values.join(', ')})`;
  };
  if (window.after) where.push(bound(window.after, false));
  if (window.before) where.push(bound(window.before, true));
  const readDescending = query.descending !== window.backward;
  const dir = readDescending ? 'DESC' : 'ASC';
  const orderBy = [...sort.map((k) => `${k.sql} ${dir}`), `${query.id} ${dir}`].join(', ');
  const keyColumns = sort.map((k, i) => `(${k.sql})::text AS "__k${i}"`).join(', ');
  const select = `${query.columns}, ${query.id} AS "__id"${keyColumns ? `, ${keyColumns}` : ''}`;
  // The page size is part of the text, and parent ids reach the planner only through a
  // sub-select: nothing the planner could specialise on varies, so after a few executions
  // PostgreSQL keeps one generic plan per statement instead of planning every request anew
  // (planning was a third of the talk page's cost). The plan itself is the same: per parent,
  // an index walk that stops after the page.
  return `SELECT ${select} FROM ${query.from}${whereSql(where)} ORDER BY ${orderBy} LIMIT ${pageLimit(window.limit + 1)}`;
}

/** Builds the SQL that counts the list's rows (per parent when `parents` is set), ignoring the page window. */
export function keysetCountSql(query: KeysetQuery): string {
  if (!query.parents) {
    return `SELECT count(*)::int AS "count" FROM ${query.from}${whereSql(query.where)}`;
  }
  const ids = query.params.add(query.parents.ids);
  return `SELECT parent_ids.parent_id AS "__parent", ${parentCount(query)} AS "count" FROM ${parentIds(ids)}`;
}

/** The count of one parent's rows (the parent being `parent_ids.parent_id`), as a scalar sub-select. */
function parentCount(query: KeysetQuery): string {
  const kept = query.parents!.count;
  if (kept) return `coalesce((${kept('parent_ids.parent_id')}), 0)`;
  const inner = [query.parents!.condition('parent_ids.parent_id'), ...query.where];
  return `(SELECT count(*)::int FROM ${query.from}${whereSql(inner)})`;
}

/** The batch's parent ids as rows, hidden from the planner behind a sub-select (see `pageSelect`). */
function parentIds(param: string): string {
  return `unnest((SELECT ${param}::int[])) AS parent_ids(parent_id)`;
}

/** A LIMIT written into the text; only whole numbers get there. */
function pageLimit(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`page limit must be a positive whole number, not ${n}`);
  return String(n);
}

/** ` WHERE (a) AND (b)…` of conditions, or nothing when there are none. */
export function whereSql(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : '';
}
