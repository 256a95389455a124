import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { knownTimeZone } from './community-time-zone';
import type { EventFact } from './event-facts';

/**
 * The title two pages about one event share once spelling is set aside: NFKC, lower case,
 * without spaces, punctuation or symbols ("SOFA 六周年，Hello SOFA World" = "sofa六周年hellosofaworld").
 */
export function eventTitleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
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

/** The part of an event fact that identifies it: what `sameEvent` compares. */
export type EventIdentityFacts = Pick<EventFact, 'slug' | 'title' | 'community' | 'startsAt' | 'timeZone'>;

/**
 * The event-identity rule: two event facts with different slugs are one event when they belong
 * to the same community, start on the same day in the event's time zone, and name it alike:
 * equal title keys, equal slugs once separators are set aside, one's slug spelling the other's
 * title (`sofameetup-30` and "SOFAMeetup #30"), or one title key holding the other whole (8
 * characters at least, and not followed or preceded by a digit, so "meetup #3" is not "meetup #30"):
 * a schedule titled "SOFAMeetup #30" and its event page "SOFAMeetup #30 杭州站 Serverless 专场".
 * Undated events are never matched; only their slugs identify them.
 */
export function sameEvent(a: EventIdentityFacts, b: EventIdentityFacts): boolean {
  if (a.community !== b.community || !a.startsAt || !b.startsAt) return false;
  const zone = a.timeZone ?? knownTimeZone(a.community);
  if (localDay(a.startsAt, zone) !== localDay(b.startsAt, b.timeZone ?? zone)) return false;
  const [titleA, titleB] = [eventTitleKey(a.title), eventTitleKey(b.title)];
  const [slugA, slugB] = [eventTitleKey(a.slug), eventTitleKey(b.slug)];
  if (titleA === titleB || slugA === slugB || slugA === titleB || slugB === titleA) return true;
  const [shorter, longer] = titleA.length <= titleB.length ? [titleA, titleB] : [titleB, titleA];
  if (shorter.length < 8) return false;
  const at = longer.indexOf(shorter);
  if (at < 0) return false;
  const digit = /\p{N}/u;
  return !digit.test(longer.charAt(at - 1) || ' ') && !digit.test(longer.charAt(at + shorter.length) || ' ');
}

const e = tables.event.as('e');
const c = tables.community.as('c');
// Events under the slug, and those of the community starting within a day of the date.
const CANDIDATES = `SELECT ${e.slug}, ${e.title}, ${e.starts_at}, ${e.time_zone}, ${c.slug} AS community
     FROM ${e} JOIN ${c} ON ${c.id} = ${e.community_id}
     WHERE ${e.slug} = $1
        OR ($2::timestamptz IS NOT NULL AND ${c.slug} = $3
            AND ${e.starts_at} BETWEEN $2::timestamptz - interval '1 day' AND $2::timestamptz + interval '1 day')
     ORDER BY (${e.slug} = $1) DESC, ${e.id}`;

/**
 * The slug an event fact must be written under so that one event read from two sources stays
 * one event: its own slug when an event already has it, else the slug of the one event that is
 * the same by `sameEvent` (the seed document's anniversary lands on the hand-written
 * `sofastack-6th-anniversary`; a schedule lands on its meetup's page), else its own. Two
 * candidates make it ambiguous, and the fact keeps its own slug.
 */
export async function resolveEventSlug(sql: SqlRunner, event: EventFact): Promise<string> {
  const rows = await sql<{ slug: string; title: string; starts_at: Date | null; time_zone: string; community: string }>(CANDIDATES, [
    event.slug,
    event.startsAt ?? null,
    event.community,
  ]);
  if (rows.some((row) => row.slug === event.slug)) return event.slug;
  const twins = rows.filter(
    (row) =>
      row.starts_at !== null &&
      sameEvent(event, {
        slug: row.slug,
        title: row.title,
        community: row.community,
        startsAt: row.starts_at.toISOString(),
        timeZone: row.time_zone,
      }),
  );
  return twins.length === 1 ? twins[0].slug : event.slug;
}
