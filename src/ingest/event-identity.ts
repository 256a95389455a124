import type { SqlRunner } from '../database/database';
import { knownTimeZone } from './community-time-zone';
import type { EventFact } from './event-facts';
import { tables } from '../database/tables';
import { eventMerges } from '../merges/event-merge';
import { mergeRecords } from '../merges/merge-records';
import { MergeRule } from '../merges/merge-rule.enum';

const { source } = tables;
const e = tables.event.as('e');
const c = tables.community.as('c');
const m = tables.merge_evidence.as('m');

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
 * Undated events are never matched; only their slugs identify them. Returns which names matched
 * (the evidence of the merge), or null when the two are not one event.
 */
export function eventMatch(a: EventIdentityFacts, b: EventIdentityFacts): string | null {
  if (a.community !== b.community || !a.startsAt || !b.startsAt) return null;
  const zone = a.timeZone ?? knownTimeZone(a.community);
  if (localDay(a.startsAt, zone) !== localDay(b.startsAt, b.timeZone ?? zone)) return null;
  const [titleA, titleB] = [eventTitleKey(a.title), eventTitleKey(b.title)];
  const [slugA, slugB] = [eventTitleKey(a.slug), eventTitleKey(b.slug)];
  if (titleA === titleB) return 'title';
  if (slugA === slugB) return 'slug';
  if (slugA === titleB || slugB === titleA) return 'slug and title';
  const [shorter, longer] = titleA.length <= titleB.length ? [titleA, titleB] : [titleB, titleA];
  if (shorter.length < 8) return null;
  const at = longer.indexOf(shorter);
  if (at < 0) return null;
  const digit = /\p{N}/u;
  return !digit.test(longer.charAt(at - 1) || ' ') && !digit.test(longer.charAt(at + shorter.length) || ' ') ? 'title within title' : null;
}

/** Whether two event facts are one event by the event-identity rule (`eventMatch`). */
export function sameEvent(a: EventIdentityFacts, b: EventIdentityFacts): boolean {
  return eventMatch(a, b) !== null;
}

/** Where an event fact lands. */
export interface EventLanding {
  /** The slug of the event the facts become part of: the fact's own, or that of the event it is the same as. */
  slug: string;
  /** The existing event the fact is the same as, to be folded into by a merge (SAME_EVENT) once written, and why. */
  twin?: { id: number; evidence: Record<string, unknown> };
}

/**
 * Where an event fact must land so that one event read from two sources stays one event: on its
 * own slug when an event has it; on the event its slug was merged into while that merge stands;
 * else on the one event that is the same by `eventMatch` (the seed document's anniversary lands
 * on the hand-written `sofastack-6th-anniversary`; a schedule on its meetup's page), which the
 * caller writes under its own slug and then folds into the twin, so that the merge is recorded
 * and can be undone. Two candidates make it ambiguous, and the fact keeps its own slug; so does
 * a twin an editor separated from the fact's event (`eventUnmerge`).
 */
export async function eventLanding(sql: SqlRunner, event: EventFact): Promise<EventLanding> {
  const rows = await sql<{ id: number; slug: string; title: string; starts_at: Date | null; time_zone: string; community: string }>(
    `SELECT ${e.id}, ${e.slug}, ${e.title}, ${e.starts_at}, ${e.time_zone}, ${c.slug} AS community
     FROM ${e} JOIN ${c} ON ${c.id} = ${e.community_id}
     WHERE ${e.slug} = $1
        OR ($2::timestamptz IS NOT NULL AND ${c.slug} = $3
            AND ${e.starts_at} BETWEEN $2::timestamptz - interval '1 day' AND $2::timestamptz + interval '1 day')
     ORDER BY (${e.slug} = $1) DESC, ${e.id}`,
    [event.slug, event.startsAt ?? null, event.community],
  );
  if (rows.some((row) => row.slug === event.slug)) return { slug: event.slug };
  const merges = await sql<{ kept: number; slug: string; undone: boolean }>(
    `SELECT ${m.kept_id} AS kept, ${e.slug}, ${m.undone_at} IS NOT NULL AS undone FROM ${m} JOIN ${e} ON ${e.id} = ${m.kept_id}
     WHERE ${m.kind} = 'EVENT' AND ${m.absorbed} -> 'row' ->> 'slug' = $1 ORDER BY ${m.id} DESC`,
    [event.slug],
  );
  const standing = merges.find((merge) => !merge.undone);
  if (standing) return { slug: standing.slug };
  const twins = rows.flatMap((row) => {
    if (row.starts_at === null || merges.some((merge) => merge.kept === row.id)) return [];
    const twin = {
      slug: row.slug,
      title: row.title,
      community: row.community,
      startsAt: row.starts_at.toISOString(),
      timeZone: row.time_zone,
    };
    const matched = eventMatch(event, twin);
    return matched ? [{ row, matched }] : [];
  });
  if (twins.length !== 1) return { slug: event.slug };
  const [{ row, matched }] = twins;
  const day = localDay(row.starts_at!, row.time_zone);
  return {
    slug: row.slug,
    twin: { id: row.id, evidence: { matched, community: event.community, day, slug: event.slug, title: event.title, twin: row.slug } },
  };
}

/** The fact as it is written: under its landing's slug, or under its own when it is to be folded into a twin after. */
export function factToWrite(fact: EventFact, landing: EventLanding): EventFact {
  return { ...fact, slug: landing.twin ? fact.slug : landing.slug };
}

/**
 * Folds each event written under its own slug into the twin its landing found: a merge with the
 * evidence of the event-identity rule and the source, which `eventUnmerge` undoes.
 */
export async function foldIntoTwins(
  sql: SqlRunner,
  events: { fact: EventFact; landing: EventLanding }[],
  sourceUri: string,
): Promise<void> {
  const folds = events.filter((event) => event.landing.twin);
  if (!folds.length) return;
  const [{ id: sourceId }] = await sql<{ id: number }>(`SELECT id FROM ${source.name} WHERE ${source.col.uri} = $1`, [sourceUri]);
  for (const { fact, landing } of folds) {
    const [written] = await sql<{ id: number }>(`SELECT ${e.id} FROM ${e} WHERE ${e.slug} = $1`, [fact.slug]);
    await mergeRecords(sql, eventMerges, landing.twin!.id, written.id, {
      rule: MergeRule.SAME_EVENT,
      evidence: landing.twin!.evidence,
      sourceId,
    });
  }
}
