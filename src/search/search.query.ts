import type { SqlRunner } from '../database/database';
import { fromJson, jsonColumns } from '../lists/json-columns';
import { SqlParams, containsEveryWord } from '../database/sql-params';
import { tables } from '../database/tables';
import { Event } from '../events/event.entity';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { Talk } from '../talks/talk.entity';
import { SearchType } from './search-type.enum';

/** A ranked hit: the kind, the database key, the score and the object found, whole. */
export interface SearchHit {
  type: SearchType;
  id: number;
  score: number;
  node: Project | Event | Talk | Speaker;
}

// Every kind is read under the alias `x`.
const project = tables.project.as('x');
const a = tables.project_alias.as('a');
const event = tables.event.as('x');
const talk = tables.talk.as('x');
const speaker = tables.speaker.as('x');

// Per kind: the entity (read whole with a hit, for the request's loaders), its table and key, the
// searchable text (already lower-cased in a generated column) and the name that ranks exact and
// prefix matches first. Trigram similarity orders the rest; it works for Chinese too.
const SOURCES: Record<
  SearchType,
  {
    entity: typeof Project | typeof Event | typeof Talk | typeof Speaker;
    table: string;
    id: string;
    text: string;
    name: string;
    where?: string;
  }
> = {
  PROJECT: {
    entity: Project,
    table: `${project}`,
    id: project.id,
    text: `${project.search_text} || ' ' || coalesce((SELECT string_agg(lower(${a.alias}), ' ') FROM ${a} WHERE ${a.project_id} = ${project.id}), '')`,
    name: `lower(${project.name})`,
  },
  EVENT: { entity: Event, table: `${event}`, id: event.id, text: event.search_text, name: `lower(${event.title})` },
  // Withdrawn talks are found by editors through `talks(filter: {withdrawn: true, query})`, not by search.
  TALK: {
    entity: Talk,
    table: `${talk}`,
    id: talk.id,
    text: talk.search_text,
    name: `lower(${talk.title})`,
    where: `${talk.withdrawn_at} IS NULL`,
  },
  SPEAKER: {
    entity: Speaker,
    table: `${speaker}`,
    id: speaker.id,
    text: speaker.search_text,
    name: `lower(${speaker.name} || ' ' || coalesce(${speaker.alias}, ''))`,
  },
};

/**
 * How many matches of each kind a search ranks at most. Scoring reads every match's row, so an
 * unbounded search costs in proportion to its hits (a common word at 50× the data: tens of
 * thousands); bounded, a request reads at most this many rows per kind, the first the trigram
 * index finds (in table order), and ranks those.
 */
export const SEARCH_CANDIDATES_PER_KIND = 200;

/** A page of ranked hits, the number of matches ranked, and whether that is every match. */
export interface SearchPage {
  hits: SearchHit[];
  total: number;
  /** False when some kind had `candidates` matches or more: `total` is then a lower bound. */
  exact: boolean;
}

/**
 * Finds projects, events, talks and speakers whose text contains every word of `query`, ranks
 * at most `candidates` matches of each kind, and returns a page of them best first with the
 * objects found and the total; one statement whatever the number of kinds (two past the last hit).
 */
export async function searchGraph(
  sql: SqlRunner,
  query: string,
  types: SearchType[],
  limit: number,
  offset: number,
  candidates = SEARCH_CANDIDATES_PER_KIND,
): Promise<SearchPage> {
  const params = new SqlParams();
  const whole = params.add(query.normalize('NFKC').trim().toLowerCase());
  const cap = params.add(candidates);
  const parts = types.map((type) => {
    const s = SOURCES[type];
    const matches = containsEveryWord(s.text, query, params);
    return `(SELECT '${type}' AS type, ${s.id},
        (CASE WHEN ${s.name} = ${whole} THEN 2 ELSE 0 END
         + CASE WHEN strpos(${s.name}, ${whole}) > 0 THEN 1 ELSE 0 END
         + similarity(${s.name}, ${whole}))::float8 AS score
      FROM ${s.table} WHERE ${matches}${s.where ? ` AND ${s.where}` : ''} LIMIT ${cap})`;
  });
  // Each kind's count rides along (windows, taken before LIMIT): the hits are found once, not
  // once for the page and again for the totals.
  const counted = `SELECT *, count(*) OVER ()::int AS "total", max(n) OVER ()::int AS "most"
    FROM (SELECT *, count(*) OVER (PARTITION BY type) AS n FROM (${parts.join(' UNION ALL ')}) hits) kinds`;
  const countParams = params.values.slice();
  // The page's objects come in the same statement, read by key once the page is known.
  const rows = types.map(
    (type) =>
      `WHEN '${type}' THEN (SELECT ${jsonColumns(SOURCES[type].entity, 'x')} FROM ${SOURCES[type].table} WHERE ${SOURCES[type].id} = h.id)`,
  );
  const page = `SELECT h.type, h.id, h.score, h.total, h.most, CASE h.type ${rows.join(' ')} END AS "node"
    FROM (${counted} ORDER BY score DESC, type, id LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}) h
    ORDER BY h.score DESC, h.type, h.id`;
  const found = await sql<{ type: SearchType; id: number; score: number; total: number; most: number; node: Record<string, unknown> }>(
    page,
    params.values,
  );
  if (found.length) {
    const hits = found.map(({ type, id, score, node }) => ({
      type,
      id,
      score,
      node: fromJson<Project | Event | Talk | Speaker>(SOURCES[type].entity, node),
    }));
    return { hits, total: found[0].total, exact: found[0].most < candidates };
  }
  if (offset === 0) return { hits: [], total: 0, exact: true };
  // Past the last hit the page is empty and says nothing of the total.
  const [totals] = await sql<{ total: number; most: number }>(`SELECT "total", "most" FROM (${counted}) c LIMIT 1`, countParams);
  return { hits: [], total: totals?.total ?? 0, exact: (totals?.most ?? 0) < candidates };
}
