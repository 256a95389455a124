import type { SqlRunner } from '../database/database';
import { knownTimeZone } from './community-time-zone';
import type { EventFact } from './event-facts';

/**
 * The title two pages about one event share once spelling is set aside: NFKC, lower case,
 * without spaces, punctuation or symbols ("SOFA 六周年，Hello SOFA World" = "sofa六周年hellosofaworld").
 */
export function eventTitleKey(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The calendar day an instant falls on in a time zone, `YYYY-MM-DD`. */
export function localDay(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/**
 * What makes two event facts the same event when their slugs differ: the community, the start
 * day in the event's own time zone, and the title key. Null for an undated event, which only
 * its slug identifies.
 */
export function eventIdentity(event: EventFact): string | null {
  if (!event.startsAt) return null;
  return `${event.community}|${localDay(event.startsAt, event.timeZone ?? knownTimeZone(event.community))}|${eventTitleKey(event.title)}`;
}

/**
 * The slug an event fact must be written under so that one event read from two sources stays
 * one event: its own slug when an event already has it, else the slug of an event of the same
 * community, start day and title (the seed document's anniversary lands on the hand-written
 * `sofastack-6th-anniversary`), else its own.
 */
export async function resolveEventSlug(sql: SqlRunner, event: EventFact): Promise<string> {
  const identity = eventIdentity(event);
  const rows = await sql<{ slug: string; title: string; starts_at: Date | null; time_zone: string; community: string }>(
    `SELECT e.slug, e.title, e.starts_at, e.time_zone, c.slug AS community
     FROM event e JOIN community c ON c.id = e.community_id
     WHERE e.slug = $1
        OR ($2::timestamptz IS NOT NULL AND c.slug = $3
            AND e.starts_at BETWEEN $2::timestamptz - interval '1 day' AND $2::timestamptz + interval '1 day')
     ORDER BY (e.slug = $1) DESC, e.id`,
    [event.slug, event.startsAt ?? null, event.community],
  );
  if (rows.some((row) => row.slug === event.slug)) return event.slug;
  const twin = rows.find(
    (row) => identity !== null && row.starts_at !== null && eventIdentity({ slug: row.slug, title: row.title, community: row.community, startsAt: row.starts_at.toISOString(), timeZone: row.time_zone }) === identity,
  );
  return twin?.slug ?? event.slug;
}
