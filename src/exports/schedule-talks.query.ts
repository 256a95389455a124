import type { SqlRunner } from '../database/database';
import { whereSql } from '../lists/keyset-page';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { toGlobalId } from '../graphql/global-id';
import { talkConditions, type TalkFilter } from '../talks/talk.filter';
import type { ScheduleTalk } from './schedule-talk';

/** The most talks one export holds; a filter matching more is refused with a request to narrow it. */
export const MAX_EXPORT_TALKS = 5000;

/** The talks of an export, or how many too many there were. */
export type ScheduleTalks = { ok: true; talks: ScheduleTalk[] } | { ok: false; tooMany: true };

const t = tables.talk.as('t');
const e = tables.event.as('e');
const x = tables.external_id.as('x');
const ts = tables.talk_speaker.as('ts');
const s = tables.speaker.as('s');

/** A talk's own time, else its event's. */
const AT = `coalesce(${t.starts_at}, ${e.starts_at})`;

/** The guid a source gave the `type` record keyed `id` (the first, by text), or null. */
const guidOf = (type: 'Talk' | 'Speaker', id: string) =>
  `(SELECT ${x.external_id} FROM ${x} WHERE ${x.record_type} = '${type}' AND ${x.record_id} = ${id} AND ${x.source} = 'guid' ORDER BY ${x.external_id} LIMIT 1)`;

/** Each talk with its event, speakers and guids; the conditions follow per call. */
const SCHEDULE_TALKS = `SELECT ${t.id} AS key, ${t.title}, ${t.abstract}, ${t.kind}, ${AT} AS "startsAt",
       CASE WHEN ${t.starts_at} IS NULL THEN NULL ELSE ${t.ends_at} END AS "endsAt",
       ${t.updated_at} AS "updatedAt", ${t.room}, ${t.track}, ${t.language}, ${t.slides_url} AS "slidesUrl", ${t.video_url} AS "videoUrl", coalesce(${t.links}, '[]') AS links,
       ${guidOf('Talk', t.id)} AS guid,
       coalesce((SELECT json_agg(json_build_object('key', ${s.id}, 'name', ${s.name},
           'guid', ${guidOf('Speaker', s.id)}
         ) ORDER BY ${ts.position}, ${s.id}) FROM ${ts} JOIN ${s} ON ${s.id} = ${ts.speaker_id} WHERE ${ts.talk_id} = ${t.id}), '[]') AS speakers,
       json_build_object('slug', ${e.slug}, 'title', ${e.title}, 'timeZone', ${e.time_zone}, 'city', ${e.city}, 'venue', ${e.venue}, 'description', ${e.description}) AS event
     FROM ${t} JOIN ${e} ON ${e.id} = ${t.event_id}`;

/**
 * The dated talks a filter matches (a talk without its own time takes its event's: schedules
 * place every talk in a time slot; undated ones cannot be placed), in time order, each with its
 * speakers, links, event and the guids sources gave them: one statement.
 */
export async function scheduleTalks(sql: SqlRunner, filter: TalkFilter): Promise<ScheduleTalks> {
  const params = new SqlParams();
  const where = [`${AT} IS NOT NULL`, ...talkConditions(filter, params)];
  const rows = await sql<Omit<ScheduleTalk, 'globalId' | 'speakers'> & { speakers: { key: number; name: string; guid: string | null }[] }>(
    `${SCHEDULE_TALKS}${whereSql(where)}
     ORDER BY ${AT}, ${e.id}, ${t.position}, ${t.id} LIMIT ${params.add(MAX_EXPORT_TALKS + 1)}`,
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
