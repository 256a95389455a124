import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { Speaker } from '../speakers/speaker.entity';
import { type AnalyticsFilter, scopedTalks } from './analytics.filter';
import { SpeakerRanking } from './speaker-ranking';

const ts = tables.talk_speaker.as('ts');
const tp = tables.talk_project.as('tp');
const sp = tables.speaker.as('sp');

/** The `first` people credited on the most talks in scope, with their projects and first and last appearance. */
export async function topSpeakers(sql: SqlRunner, filter: AnalyticsFilter, first: number): Promise<SpeakerRanking[]> {
  const params = new SqlParams();
  const rows = await sql<
    Speaker & { __rank: number; __talks: number; __events: number; __first: Date | null; __last: Date | null; __projects: number[] }
  >(
    `WITH ${scopedTalks(filter, params)},
      credited AS (SELECT ${ts.speaker_id}, s.talk_id, s.event_id, s.at FROM scoped s JOIN ${ts} ON ${ts.talk_id} = s.talk_id),
      ranked AS (
        SELECT speaker_id, count(DISTINCT talk_id)::int AS talks, count(DISTINCT event_id)::int AS events,
          min(at) AS first_at, max(at) AS last_at, rank() OVER (ORDER BY count(DISTINCT talk_id) DESC)::int AS rank
        FROM credited GROUP BY speaker_id
        ORDER BY talks DESC, last_at DESC NULLS LAST, speaker_id LIMIT ${params.add(first)})
    SELECT ${selectColumns(Speaker, 'sp')}, r.rank AS "__rank", r.talks AS "__talks", r.events AS "__events",
      r.first_at AS "__first", r.last_at AS "__last",
      ARRAY(SELECT ${tp.project_id} FROM credited c JOIN ${tp} ON ${tp.talk_id} = c.talk_id
            WHERE c.speaker_id = r.speaker_id GROUP BY ${tp.project_id} ORDER BY count(*) DESC, ${tp.project_id}) AS "__projects"
    FROM ranked r JOIN ${sp} ON ${sp.id} = r.speaker_id
    ORDER BY r.talks DESC, r.last_at DESC NULLS LAST, r.speaker_id`,
    params.values,
  );
  return rows.map(({ __rank, __talks, __events, __first, __last, __projects, ...speaker }) =>
    Object.assign(new SpeakerRanking(), {
      rank: __rank,
      speaker: toEntity(Speaker, speaker),
      talks: __talks,
      events: __events,
      firstAppearance: __first,
      lastAppearance: __last,
      projectIds: __projects,
    }),
  );
}
