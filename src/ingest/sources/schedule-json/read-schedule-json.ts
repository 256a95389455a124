import type { ExternalIdFact, TalkFact, TalkRoleValue } from '../../event-facts';
import { isObject, jsonPointer } from '../json-document';
import { SchedulePeople, cleanName } from '../schedule-people';
import { WarningTally, type RecordError, type ScheduleInput, type ScheduleRead } from '../schedule-read';
import { scheduleSlug } from '../schedule-slug';
import { talkKindOf } from '../talk-kind';
import { talkLinks, type RawLink } from '../talk-links';
import { durationMinutes, instantIn, isoInZone, isTimeZone, zonedInstant } from '../zoned-time';
import { scheduleJsonViolations } from './schedule-json-rules';

/** How many schema violations a report lists one by one. */
const LISTED_VIOLATIONS = 20;

/** One event of either version, where it stands and the day it falls on (v1). */
interface JsonEvent {
  value: unknown;
  pointer: string;
  day?: { date?: unknown; pointer: string };
  room?: string;
}

/**
 * Reads a C3VOC schedule.json, both the v1 tree (`schedule.conference.days[].rooms`, pretalx's
 * and frab's export) and the flat v2 (`schedule.events[]` with `persons[]`, localisable strings
 * as `{ en, de }`), into one event with its talks and speakers. For v1 the schedule.json schema
 * decides validity: its violations are reported with their JSON pointers; a record that lacks
 * what a talk needs (a title, a time, named people, a unique id) fails alone; a document
 * without a conference fails whole.
 */
export function readScheduleJson(document: unknown, input: ScheduleInput): ScheduleRead {
  const schedule = isObject(document) ? document.schedule : undefined;
  if (!isObject(schedule)) return { ok: false, pointer: '/schedule', reason: 'no "schedule" object: not a schedule.json document' };
  const conference = schedule.conference;
  if (!isObject(conference)) return { ok: false, pointer: '/schedule/conference', reason: '"schedule" has no "conference" object' };
  const language = defaultLanguage(conference);
  const title = localized(conference.title, language);
  if (!title) return { ok: false, pointer: '/schedule/conference/title', reason: 'the conference has no title' };
  const flat = Array.isArray(schedule.events);
  if (!flat && !Array.isArray(conference.days))
    return {
      ok: false,
      pointer: '/schedule/conference/days',
      reason: 'neither "schedule.events" (v2) nor "schedule.conference.days" (v1) is an array',
    };

  const warnings = new WarningTally();
  const reported: string[] = [];
  if (!flat) {
    const violations = scheduleJsonViolations(document);
    if (violations.length) {
      reported.push(`not valid against the schedule.json schema: ${violations.length} violation(s)`);
      for (const v of violations.slice(0, LISTED_VIOLATIONS)) reported.push(`schema: ${v.pointer || '/'} ${v.reason}`);
      if (violations.length > LISTED_VIOLATIONS) reported.push(`schema: and ${violations.length - LISTED_VIOLATIONS} more`);
    }
  }
  const zoneName = conference.time_zone_name;
  const timeZone = isTimeZone(zoneName) ? zoneName : input.timeZone;
  if (zoneName !== undefined && timeZone !== zoneName)
    warnings.add(`unknown time zone "${String(zoneName).slice(0, 64)}"; times read in ${timeZone}`);
  const acronym = typeof conference.acronym === 'string' && conference.acronym ? conference.acronym : null;
  const slug = scheduleSlug(acronym ?? title);
  const context: Context = {
    namespace: `schedule-json:${slug}`,
    timeZone,
    language,
    baseUrl: typeof schedule.base_url === 'string' ? schedule.base_url : null,
    people: new SchedulePeople(),
    persons: personsByGuid(schedule.persons),
    tracks: tracksBySlug(conference.tracks, language),
    seen: new Map(),
    warnings,
  };

  const errors: RecordError[] = [];
  const talks: TalkFact[] = [];
  for (const event of flat ? flatEvents(schedule.events as unknown[]) : dayEvents(conference.days as unknown[], errors)) {
    const talk = readEvent(event, context);
    if ('reason' in talk) errors.push(talk);
    else talks.push(talk);
  }
  const starts = talks
    .map((t) => t.startsAt)
    .filter((s): s is string => !!s)
    .sort();
  const ends = talks
    .map((t) => t.endsAt ?? t.startsAt)
    .filter((s): s is string => !!s)
    .sort();
  const start =
    instantIn(conference.start, timeZone) ??
    (typeof conference.start === 'string' ? zonedInstant(conference.start, '00:00', timeZone) : null);
  const url = typeof conference.url === 'string' && /^https?:\/\//.test(conference.url) ? conference.url : null;
  return {
    ok: true,
    facts: {
      events: [
        {
          slug,
          title,
          community: input.community,
          startsAt: starts[0] ?? (start === null ? null : isoInZone(start, timeZone)),
          endsAt: ends[ends.length - 1] ?? null,
          timeZone,
          description: localized(conference.description, language),
          links: url ? [{ kind: 'OTHER', url, title: null }] : [],
          talks,
          speakers: context.people.list(),
          externalIds: acronym ? [{ source: 'schedule-json', id: acronym }] : undefined,
          at: { pointer: '/schedule/conference' },
        },
      ],
    },
    warnings: [...reported, ...warnings.list()],
    errors,
  };
}

/** What reading one event needs from its document. */
interface Context {
  namespace: string;
  timeZone: string;
  language: string | null;
  baseUrl: string | null;
  people: SchedulePeople;
  /** v2: the document's persons by guid, for biographies. */
  persons: Map<string, Record<string, unknown>>;
  tracks: Map<string, string>;
  /** Ids seen so far, with the pointer of their first record. */
  seen: Map<string, string>;
  warnings: WarningTally;
}

function* dayEvents(days: unknown[], errors: RecordError[]): Iterable<JsonEvent> {
  for (const [d, day] of days.entries()) {
    const pointer = jsonPointer('schedule', 'conference', 'days', d);
    if (!isObject(day) || !isObject(day.rooms)) {
      errors.push({ pointer, reason: `day ${d} is not an object with "rooms": its events are left out` });
      continue;
    }
    for (const [room, events] of Object.entries(day.rooms)) {
      const roomPointer = `${pointer}${jsonPointer('rooms', room)}`;
      if (!Array.isArray(events)) {
        errors.push({ pointer: roomPointer, reason: `room "${room.slice(0, 100)}" is not an array of events` });
        continue;
      }
      for (const [i, value] of events.entries())
        yield { value, pointer: `${roomPointer}${jsonPointer(i)}`, day: { date: day.date, pointer }, room };
    }
  }
}

function* flatEvents(events: unknown[]): Iterable<JsonEvent> {
  for (const [i, value] of events.entries()) yield { value, pointer: jsonPointer('schedule', 'events', i) };
}

function readEvent({ value, pointer, day, room }: JsonEvent, context: Context): TalkFact | RecordError {
  if (!isObject(value)) return { pointer, reason: 'the event is not an object' };
  const fail = (reason: string): RecordError => ({ pointer, reason });
  const title = localized(value.title, context.language)?.replace(/\s+/g, ' ').trim();
  if (!title) return fail('the event has no title');
  const ids = recordIds(value, context.namespace);
  if (!ids.length) return fail('the event has no id, guid or code');
  for (const id of ids) {
    const first = context.seen.get(`${id.source}\u0000${id.id}`);
    if (first !== undefined) return fail(`duplicate ${id.source === 'guid' ? 'guid' : 'id'} "${id.id}", first used at ${first}`);
  }
  for (const id of ids) context.seen.set(`${id.source}\u0000${id.id}`, pointer);

  const startsAt = eventStart(value, day, context.timeZone);
  if (startsAt === null) return fail('the event has no date: neither a "date"/"start" date-time nor a day date with a "start" time');
  const end = instantIn(value.end, context.timeZone);
  const minutes = durationMinutes(value.duration);
  const endsAt = end ?? (minutes === null ? null : startsAt + minutes * 60_000);

  const people = Array.isArray(value.persons) ? value.persons : Array.isArray(value.participants) ? value.participants : [];
  const speakers = [];
  for (const [i, person] of people.entries()) {
    const name = isObject(person) ? cleanName(person.name ?? person.public_name ?? person.full_public_name) : '';
    if (!name) return fail(`person ${i} has no name (${jsonPointer(Array.isArray(value.persons) ? 'persons' : 'participants', i)})`);
    const p = person as Record<string, unknown>;
    const known = typeof p.guid === 'string' ? context.persons.get(p.guid) : undefined;
    speakers.push(
      context.people.credit({
        name,
        bio: localized(p.biography ?? known?.biography, context.language),
        externalIds: recordIds(p, context.namespace),
        role: roleOf(p.role),
      }),
    );
  }
  const raw: RawLink[] = [
    ...(Array.isArray(value.links) ? value.links : []).map((l) => linkOf(l, false)),
    ...(Array.isArray(value.attachments) ? value.attachments : []).map((l) => linkOf(l, true)),
  ];
  if (typeof value.url === 'string') raw.push({ url: value.url, title: 'Event page', type: 'web' });
  const links = talkLinks(raw, context.baseUrl);
  if (links.refused.length) context.warnings.add('links that are not http(s) URLs, left out');
  const track = isObject(value.track)
    ? (localized(value.track.name, context.language) ?? context.tracks.get(String(value.track.slug)) ?? null)
    : localized(value.track, context.language);
  const roomName = isObject(value.room) ? localized(value.room.name, context.language) : localized(value.room, context.language);
  return {
    title,
    abstract: localized(value.abstract, context.language) ?? localized(value.description, context.language),
    kind: talkKindOf(value.type),
    startsAt: isoInZone(startsAt, context.timeZone),
    endsAt: endsAt === null ? null : isoInZone(endsAt, context.timeZone),
    slidesUrl: links.slidesUrl,
    videoUrl: links.videoUrl,
    links: links.links,
    speakers,
    room: roomName ?? room ?? null,
    track,
    language: typeof value.language === 'string' && value.language ? value.language.slice(0, 35) : null,
    externalIds: ids,
    at: { pointer },
  };
}

function eventStart(value: Record<string, unknown>, day: JsonEvent['day'], timeZone: string): number | null {
  const dated = instantIn(value.date, timeZone) ?? instantIn(value.start, timeZone);
  if (dated !== null) return dated;
  if (day && typeof day.date === 'string' && typeof value.start === 'string') return zonedInstant(day.date, value.start, timeZone);
  return null;
}

/** The ids a record (an event or a person) carries: its numeric id, its pretalx code and its guid. */
function recordIds(value: Record<string, unknown>, namespace: string): ExternalIdFact[] {
  const ids: ExternalIdFact[] = [];
  if (typeof value.id === 'number' || (typeof value.id === 'string' && value.id)) ids.push({ source: namespace, id: String(value.id) });
  if (typeof value.code === 'string' && value.code) ids.push({ source: `${namespace}:code`, id: value.code });
  if (typeof value.guid === 'string' && value.guid) ids.push({ source: 'guid', id: value.guid.toLowerCase() });
  return ids;
}

function roleOf(role: unknown): TalkRoleValue {
  const r = typeof role === 'string' ? role.toUpperCase() : '';
  return r === 'MODERATOR' || r === 'HOST' || r === 'PANELIST' ? r : 'SPEAKER';
}

function linkOf(link: unknown, attachment: boolean): RawLink {
  return isObject(link) ? { url: link.url, title: link.title, type: link.type, attachment } : { url: null };
}

/** A localisable string (`"text"` or `{ "en": "text", "de": "Text" }`) in the preferred language, else the first given. */
function localized(value: unknown, language: string | null): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (!isObject(value)) return null;
  const preferred = language !== null ? value[language] : undefined;
  const text =
    typeof preferred === 'string' && preferred.trim() ? preferred : Object.values(value).find((v) => typeof v === 'string' && v.trim());
  return typeof text === 'string' ? text.trim() : null;
}

function defaultLanguage(conference: Record<string, unknown>): string | null {
  const defaults = isObject(conference.defaults) ? conference.defaults.language : undefined;
  if (typeof defaults === 'string') return defaults;
  return Array.isArray(conference.languages) && typeof conference.languages[0] === 'string' ? conference.languages[0] : 'en';
}

function personsByGuid(persons: unknown): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  if (Array.isArray(persons)) for (const p of persons) if (isObject(p) && typeof p.guid === 'string') map.set(p.guid, p);
  return map;
}

function tracksBySlug(tracks: unknown, language: string | null): Map<string, string> {
  const map = new Map<string, string>();
  if (Array.isArray(tracks)) {
    for (const t of tracks) {
      const name = isObject(t) ? localized(t.name, language) : null;
      if (name && typeof (t as Record<string, unknown>).slug === 'string') map.set((t as Record<string, string>).slug, name);
    }
  }
  return map;
}
