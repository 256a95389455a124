import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { Speaker } from '../speakers/speaker.entity';
import { type AnalyticsFilter, scopedTalks } from './analytics.filter';
import { NetworkSpeaker, ProjectTally } from './project-network';

const ts = tables.talk_speaker.as('ts');
const tp = tables.talk_project.as('tp');
const sp = tables.speaker.as('sp');

/**
 * The `first` people with the most talks in scope about project `projectId`, each with the
 * other projects they spoke about in scope. The filter's projects do not apply: this project takes their place.
 */
export async function projectNetwork(sql: SqlRunner, filter: AnalyticsFilter, projectId: number, first: number): Promise<NetworkSpeaker[]> {
  const params = new SqlParams();
  const scoped = scopedTalks(filter, params, false);
  const project = params.add(projectId);
  const rows = await sql<Speaker & { __talks: number; __others: { projectId: number; talks: number }[] }>(
    `WITH ${scoped},
      credited AS (
        SELECT ${ts.speaker_id}, ${tp.project_id}, s.talk_id
        FROM scoped s JOIN ${ts} ON ${ts.talk_id} = s.talk_id JOIN ${tp} ON ${tp.talk_id} = s.talk_id),
      own AS (
        SELECT speaker_id, count(DISTINCT talk_id)::int AS talks FROM credited WHERE project_id = ${project}
        GROUP BY speaker_id ORDER BY talks DESC, speaker_id LIMIT ${params.add(first)})
    SELECT ${selectColumns(Speaker, 'sp')}, o.talks AS "__talks",
      coalesce((SELECT json_agg(json_build_object('projectId', x.project_id, 'talks', x.talks) ORDER BY x.talks DESC, x.project_id)
        FROM (SELECT c.project_id, count(DISTINCT c.talk_id)::int AS talks FROM credited c
              WHERE c.speaker_id = o.speaker_id AND c.project_id <> ${project} GROUP BY c.project_id) x), '[]') AS "__others"
    FROM own o JOIN ${sp} ON ${sp.id} = o.speaker_id
    ORDER BY o.talks DESC, ${sp.name}, ${sp.id}`,
    params.values,
  );
  return rows.map(({ __talks, __others, ...speaker }) =>
    Object.assign(new NetworkSpeaker(), {
      speaker: toEntity(Speaker, speaker),
      talks: __talks,
      otherProjects: __others.map((other) => Object.assign(new ProjectTally(), other)),
    }),
  );
}
