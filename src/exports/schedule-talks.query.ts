import type { SqlRunner } from '../database/database';
import { whereSql } from '../lists/keyset-page';
import { SqlParams } from '../database/sql-params';
import { toGlobalId } from '../graphql/global-id';
import { talkConditions, type TalkFilter } from '../talks/talk.filter';
import type { ScheduleTalk } from './schedule-talk';

/** The most talks one export holds; a filter matching more is refused with a request to narrow it. */
export const MAX_EXPORT_TALKS = 5000;

/** The talks of an export, or how many too many there were. */
export type ScheduleTalks = { ok: true; talks: ScheduleTalk[] } | { ok: false; tooMany: true };

/**
 * The dated talks a filter matches (a talk without its own time takes its event's: schedules
 * place every talk in a time slot; undated ones cannot be placed), in time order, each with its
 * speakers, links, event and the guids sources gave them: one statement.
 */
export async function scheduleTalks(sql: SqlRunner, filter: TalkFilter): Promise<ScheduleTalks> {
  const params = new SqlParams();
  const where = ['coalesce(t.starts_at, e.starts_at) IS NOT NULL', ...talkConditions(filter, params)];
  const rows = await sql<Omit<ScheduleTalk, 'globalId' | 'speakers'> & { speakers: { key: number; name: string; guid: string | null }[] }>(
    `SELECT t.id AS key, t.title, t.abstract, t.kind, coalesce(t.starts_at, e.starts_at) AS "startsAt",
       CASE WHEN t.starts_at IS NULL THEN NULL ELSE t.ends_at END AS "endsAt",
       t.updated_at AS "updatedAt", t.room, t.track, t.language, t.slides_url AS "slidesUrl", t.video_url AS "videoUrl", coalesce(t.links, '[]') AS links,
       (SELECT x.external_id FROM external_id x WHERE x.record_type = 'Talk' AND x.record_id = t.id AND x.source = 'guid' ORDER BY x.external_id LIMIT 1) AS guid,
       coalesce((SELECT json_agg(json_build_object('key', s.id, 'name', s.name,
           'guid', (SELECT x.external_id FROM external_id x WHERE x.record_type = 'Speaker' AND x.record_id = s.id AND x.source = 'guid' ORDER BY x.external_id LIMIT 1)
         ) ORDER BY ts.position, s.id) FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id), '[]') AS speakers,
       json_build_object('slug', e.slug, 'title', e.title, 'timeZone', e.time_zone, 'city', e.city, 'venue', e.venue, 'description', e.description) AS event
     FROM talk t JOIN event e ON e.id = t.event_id${whereSql(where)}
     ORDER BY coalesce(t.starts_at, e.starts_at), e.id, t.position, t.id LIMIT ${params.add(MAX_EXPORT_TALKS + 1)}`,
    params.values,
  );
  if (rows.length > MAX_EXPORT_TALKS) return { ok: false, tooMany: true };
  return {
    ok: true,
    talks: rows.map((row) => ({
      ...row,
      startsAt: new Date(row.startsAt),
      endsAt: row.endsAt ? new Date(row.endsAt) : null,
      updatedAt: new Date(row.updatedAt),
      globalId: toGlobalId('Talk', row.key),
      speakers: row.speakers.map((s) => ({ globalId: toGlobalId('Speaker', s.key), name: s.name, guid: s.guid })),
    })),
  };
}
