import { SEARCH_CANDIDATES_PER_KIND, SEARCH_WINDOW } from '../../src/search/search.query';

/**
 * One kind's search candidates as eventgraph picks them, for the ceiling's statement and
 * PostGraphile's `search_graph`: the first SEARCH_CANDIDATES_PER_KIND rows matching `every` among
 * the kind's window of newest ids (SEARCH_WINDOW, served by the bucket the trigram index holds),
 * or, when the window holds fewer and older ids exist, the first of the whole table. Rows are
 * `(kind, id, name, label)`; `every` is the word conditions on `x`.
 */
export function windowedCandidatesSql(kind: string, table: string, name: string, label: string, every: string, where = ''): string {
  const cap = SEARCH_CANDIDATES_PER_KIND;
  const { bits, buckets } = SEARCH_WINDOW;
  const select = `SELECT '${kind}'::text AS kind, x.id, ${name} AS name, ${label} AS label FROM ${table} x`;
  const conditions = `${every}${where ? ` AND ${where}` : ''}`;
  const older = `(SELECT lo > 0 AND (SELECT count(*) FROM near) < ${cap} FROM w)`;
  return `(WITH w AS MATERIALIZED (SELECT (max(id) >> ${bits}) - ${buckets - 1} AS lo FROM ${table}),
      near AS MATERIALIZED (${select} WHERE (x.id >> ${bits}) >= (SELECT lo FROM w) AND ${conditions} LIMIT ${cap})
    SELECT * FROM near WHERE NOT ${older}
    UNION ALL (${select} WHERE ${older} AND ${conditions} LIMIT ${cap}))`;
}
