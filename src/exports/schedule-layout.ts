import { isoInZone } from '../ingest/sources/zoned-time';
import type { ScheduleTalk } from './schedule-talk';
import { stableUuid } from './stable-uuid';

/** A talk placed in a schedule: its local date, start and duration, and ids that stay the same from one export to the next. */
export interface PlacedTalk {
  talk: ScheduleTalk;
  guid: string;
  /** Date-time with offset in the schedule's zone. */
  date: string;
  end: string;
  /** HH:MM local. */
  start: string;
  /** HH:MM. */
  duration: string;
  /** An event slug of the schedule's own pattern, unique in the document. */
  slug: string;
  persons: { name: string; guid: string }[];
}

/** One day of a schedule with its rooms in order of their first talk. */
export interface ScheduleDay {
  index: number;
  date: string;
  start: string;
  end: string;
  rooms: { name: string; talks: PlacedTalk[] }[];
}

/** What both schedule formats say of the conference, and its days. */
export interface ScheduleLayout {
  title: string;
  acronym: string;
  timeZone: string;
  start: string;
  end: string;
  days: ScheduleDay[];
  tracks: string[];
  /** The event's description when the export holds one event. */
  description: string | null;
}

/** The room of talks whose event gives none. */
export const NO_ROOM = 'Main';

/**
 * Lays talks out as a conference schedule: one conference (the event itself when the talks are
 * of one event, else an aggregate named by `title`), its days in the event's time zone (UTC when
 * the events' zones differ), rooms, and per talk a guid (the source's when it gave one, else
 * derived from the talk's global ID) and a slug (from its key: titles repeat).
 */
export function scheduleLayout(talks: readonly ScheduleTalk[], title: string): ScheduleLayout {
  const events = new Map(talks.map((t) => [t.event.slug, t.event]));
  const zones = new Set(talks.map((t) => t.event.timeZone));
  const timeZone = zones.size === 1 ? [...zones][0] : 'UTC';
  const single = events.size === 1 ? [...events.values()][0] : null;
  const acronym = acronymOf(single?.slug ?? 'eventgraph');
  const days = new Map<string, ScheduleDay>();
  for (const talk of talks) {
    const date = isoInZone(talk.startsAt.getTime(), timeZone);
    const endsAt = talk.endsAt && talk.endsAt > talk.startsAt ? talk.endsAt : talk.startsAt;
    const minutes = Math.round((endsAt.getTime() - talk.startsAt.getTime()) / 60000);
    let day = days.get(date.slice(0, 10));
    if (!day) days.set(date.slice(0, 10), (day = { index: days.size + 1, date: date.slice(0, 10), start: date, end: date, rooms: [] }));
    const end = isoInZone(endsAt.getTime(), timeZone);
    if (end > day.end) day.end = end;
    const roomName = talk.room?.trim() || NO_ROOM;
    let room = day.rooms.find((r) => r.name === roomName);
    if (!room) day.rooms.push((room = { name: roomName, talks: [] }));
    room.talks.push({
      talk,
      guid: talk.guid ?? stableUuid(talk.globalId),
      date,
      end,
      start: date.slice(11, 16),
      duration: `${String(Math.min(99, Math.floor(minutes / 60))).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      slug: `${acronym}-talk-${talk.key}`,
      persons: talk.speakers.map((s) => ({ name: s.name, guid: s.guid ?? stableUuid(s.globalId) })),
    });
  }
  const ordered = [...days.values()];
  return {
    title: single?.title ?? title,
    acronym,
    timeZone,
    start: ordered[0]?.date ?? '',
    end: ordered[ordered.length - 1]?.date ?? '',
    days: ordered,
    tracks: [...new Set(talks.map((t) => t.track).filter((t): t is string => !!t))].sort(),
    description: single?.description ?? null,
  };
}

/**
 * An acronym both schemas accept (`[a-z0-9_]`, four or more) that the readers turn back into
 * the same event slug: they read `_` as `-`.
 */
function acronymOf(slug: string): string {
  const acronym = slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return acronym.length >= 4 ? acronym : `${acronym}_event`.replace(/^_/, '');
}
