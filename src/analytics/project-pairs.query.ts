import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { projectIdsNamed } from '../projects/project-match';
import { type AnalyticsFilter, scopedTalks } from './analytics.filter';
import { ProjectPair } from './project-pair';

const tp = tables.talk_project.as('tp');

/**
 * The `first` pairs of projects most often covered together at one event, with how many talks
 * covered both. A project filter keeps the pairs that include one of its projects.
 */
export async function projectPairs(sql: SqlRunner, filter: AnalyticsFilter, first: number): Promise<ProjectPair[]> {
  const params = new SqlParams();
  // Pairs are counted over all talks in scope: a pair (Seata, MOSN) at one event may come from two talks.
  const scoped = scopedTalks(filter, params, false);
  const involving = filter.projects
    ? `WHERE ep.a IN (${projectIdsNamed(filter.projects, params)}) OR ep.b IN (${projectIdsNamed(filter.projects, params)})`
    : '';
  const rows = await sql<{ a: number; b: number; events: number; talks: number }>(
    `WITH ${scoped},
      covered AS (SELECT DISTINCT s.talk_id, s.event_id, ${tp.project_id} FROM scoped s JOIN ${tp} ON ${tp.talk_id} = s.talk_id),
      at_event AS (SELECT DISTINCT event_id, project_id FROM covered),
      event_pairs AS (
        SELECT x.project_id AS a, y.project_id AS b, count(*)::int AS events
        FROM at_event x JOIN at_event y ON y.event_id = x.event_id AND y.project_id > x.project_id GROUP BY 1, 2),
      talk_pairs AS (
        SELECT x.project_id AS a, y.project_id AS b, count(*)::int AS talks
        FROM covered x JOIN covered y ON y.talk_id = x.talk_id AND y.project_id > x.project_id GROUP BY 1, 2)
    SELECT ep.a, ep.b, ep.events, coalesce(tp.talks, 0) AS talks
    FROM event_pairs ep LEFT JOIN talk_pairs tp ON tp.a = ep.a AND tp.b = ep.b
    ${involving}
    ORDER BY ep.events DESC, talks DESC, ep.a, ep.b LIMIT ${params.add(first)}`,
    params.values,
  );
  return rows.map((row) => Object.assign(new ProjectPair(), { projectIds: [row.a, row.b], events: row.events, talks: row.talks }));
}
