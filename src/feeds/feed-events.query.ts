import type { SqlRunner } from '../database/database';
import { whereSql } from '../lists/keyset-page';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { eventConditions, eventWithdrawnCondition } from '../events/event.filter';
import type { EventLink } from '../events/event-link';

/** The most events one feed holds: the latest ones. */
export const MAX_FEED_EVENTS = 1000;

/** An event as a calendar shows it, with its agenda in brief. */
export interface FeedEvent {
  slug: string;
  title: string;
  series: string | null;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  format: string | null;
  city: string | null;
  venue: string | null;
  description: string | null;
  links: EventLink[];
  updatedAt: Date;
  talks: { title: string; speakers: string | null; projects: string | null }[];
}

const e = tables.event.as('e');
const t = tables.talk.as('t');
const ts = tables.talk_speaker.as('ts');
const sp = tables.speaker.as('sp');
const tp = tables.talk_project.as('tp');
const p = tables.project.as('p');

/** Each event with its talks in force, their speakers and projects; the conditions follow per call. */
const FEED_EVENTS = `SELECT ${e.slug}, ${e.title}, ${e.series}, ${e.starts_at} AS "startsAt", ${e.ends_at} AS "endsAt", ${e.time_zone} AS "timeZone",
       ${e.format}, ${e.city}, ${e.venue}, ${e.description}, ${e.links}, ${e.updated_at} AS "updatedAt",
       coalesce((SELECT json_agg(json_build_object(
           'title', ${t.title},
           'speakers', (SELECT string_agg(${sp.name}, ', ' ORDER BY ${ts.position}) FROM ${ts} JOIN ${sp} ON ${sp.id} = ${ts.speaker_id} WHERE ${ts.talk_id} = ${t.id}),
           'projects', (SELECT string_agg(${p.name}, ', ' ORDER BY ${p.name}) FROM ${tp} JOIN ${p} ON ${p.id} = ${tp.project_id} WHERE ${tp.talk_id} = ${t.id})
         ) ORDER BY ${t.position}, ${t.id}) FROM ${t} WHERE ${t.event_id} = ${e.id} AND ${t.withdrawn_at} IS NULL), '[]') AS talks
     FROM ${e}`;

/**
 * The latest dated events (undated ones cannot be placed in a calendar), optionally only those
 * with a talk about one project, each with its talks, speakers and projects: one statement.
 */
export function feedEvents(sql: SqlRunner, projectSlug?: string): Promise<FeedEvent[]> {
  const params = new SqlParams();
  const where = [
    `${e.starts_at} IS NOT NULL`,
    eventWithdrawnCondition(false),
    ...eventConditions(projectSlug ? { projects: [projectSlug] } : {}, params),
  ];
  return sql<FeedEvent>(
    `${FEED_EVENTS}${whereSql(where)}
     ORDER BY ${e.starts_at} DESC, ${e.id} DESC LIMIT ${params.add(MAX_FEED_EVENTS)}`,
    params.values,
  );
}
