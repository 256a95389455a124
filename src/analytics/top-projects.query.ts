import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { Project } from '../projects/project.entity';
import { type AnalyticsFilter, coveredTalks } from './analytics.filter';
import { ProjectRanking } from './project-ranking';

const p = tables.project.as('p');
const ts = tables.talk_speaker.as('ts');

/** The `first` projects covered by the most talks in scope, with their events, speakers and first and last coverage. */
export async function topProjects(sql: SqlRunner, filter: AnalyticsFilter, first: number): Promise<ProjectRanking[]> {
  const params = new SqlParams();
  const rows = await sql<
    Project & { __rank: number; __talks: number; __events: number; __speakers: number; __first: Date | null; __last: Date | null }
  >(
    `WITH ${coveredTalks(filter, params)}
    SELECT ${selectColumns(Project, 'p')}, rank() OVER (ORDER BY count(DISTINCT c.talk_id) DESC)::int AS "__rank",
      count(DISTINCT c.talk_id)::int AS "__talks", count(DISTINCT c.event_id)::int AS "__events",
      count(DISTINCT ${ts.speaker_id})::int AS "__speakers", min(c.at) AS "__first", max(c.at) AS "__last"
    FROM covered c JOIN ${p} ON ${p.id} = c.project_id LEFT JOIN ${ts} ON ${ts.talk_id} = c.talk_id
    GROUP BY ${p.id} ORDER BY "__talks" DESC, ${p.name}, ${p.id} LIMIT ${params.add(first)}`,
    params.values,
  );
  return rows.map(({ __rank, __talks, __events, __speakers, __first, __last, ...project }) =>
    Object.assign(new ProjectRanking(), {
      rank: __rank,
      project: toEntity(Project, project),
      talks: __talks,
      events: __events,
      speakers: __speakers,
      firstCovered: __first,
      lastCovered: __last,
    }),
  );
}
