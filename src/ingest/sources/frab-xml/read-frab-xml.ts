import type { ExternalIdFact, TalkFact } from '../../event-facts';
import { SchedulePeople } from '../schedule-people';
import { WarningTally, type RecordError, type ScheduleInput, type ScheduleRead } from '../schedule-read';
import { scheduleSlug } from '../schedule-slug';
import { talkKindOf } from '../talk-kind';
import { talkLinks } from '../talk-links';
import { durationMinutes, instantWithOffset, isoInZone, isTimeZone, zonedInstant } from '../zoned-time';
import type { FrabEvent } from './frab-event';
import { parseFrabXml, XmlRefused } from './parse-frab-xml';

/** Elements schedule.xml.xsd requires of every event that a reader can do without; their absence is a warning. */
const EXPECTED_FIELDS = ['room', 'type', 'date', 'duration', 'abstract', 'track'];
const START = /^([0-2]?[0-9]):([0-5][0-9])(?::[0-5][0-9])?$/;

/**
 * Reads a frab/pentabarf schedule XML (FOSDEM, CCC, pretalx's export) into one event with its
 * talks and speakers: rooms, tracks, types, language, abstract, links, attachments and every
 * person with their id. Checks the structure schedule.xml.xsd gives (root, conference, days,
 * rooms, required attributes and elements, unique ids): what a talk cannot do without fails
 * that one event with its line, what a reader can do without is a warning.
 */
export function readFrabXml(input: ScheduleInput): ScheduleRead {
  const events: FrabEvent[] = [];
  let parsed;
  try {
    parsed = parseFrabXml(input.bytes, (event) => events.push(event));
  } catch (error) {
    if (error instanceof XmlRefused) return { ok: false, line: error.line, reason: error.message };
    throw error;
  }
  const conference = parsed.conference;
  if (!conference) return { ok: false, line: 1, reason: '<schedule> has no <conference> (schedule.xml.xsd requires one)' };
  if (!conference.title) return { ok: false, line: 1, reason: '<conference> has no <title> (schedule.xml.xsd requires one)' };
  if (parsed.days === 0) return { ok: false, line: 1, reason: '<schedule> has no <day> (schedule.xml.xsd requires at least one)' };

  const warnings = new WarningTally();
  if (parsed.version === null) warnings.add('<schedule> has no <version>, which schedule.xml.xsd requires');
  const timeZone = isTimeZone(conference.time_zone_name) ? conference.time_zone_name : input.timeZone;
  if (!conference.time_zone_name) warnings.add(`the schedule names no time zone; its times are read in ${timeZone}`);
  if (conference.time_zone_name && timeZone !== conference.time_zone_name)
    warnings.add(`unknown time zone "${conference.time_zone_name}"; times read in ${timeZone}`);
  const slug = scheduleSlug(conference.acronym || conference.title);
  const namespace = `frab:${slug}`;
  const baseUrl = conference.base_url || conference.url || null;
  const people = new SchedulePeople();
  const talks: TalkFact[] = [];
  const errors: RecordError[] = [];
  const seenIds = new Map<string, number>();

  for (const event of events) {
    const talk = readEvent(event, { namespace, timeZone, baseUrl, dayChange: conference.day_change, people, warnings, seenIds });
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
  return {
    ok: true,
    facts: {
      events: [
        {
          slug,
          title: conference.title,
          community: input.community,
          series: null,
          startsAt: starts[0] ?? conferenceDay(conference.start, timeZone),
          endsAt: ends[ends.length - 1] ?? null,
          timeZone,
          city: conference.city || null,
          venue: conference.venue || null,
          description: conference.subtitle || null,
          links: conference.url && /^https?:\/\//.test(conference.url) ? [{ kind: 'OTHER', url: conference.url, title: null }] : [],
          talks,
          speakers: people.list(),
          externalIds: conference.acronym ? [{ source: 'frab', id: conference.acronym }] : undefined,
          at: { line: 1 },
        },
      ],
    },
    warnings: warnings.list(),
    errors,
  };
}

/** What reading an event needs from its document. */
interface EventContext {
  namespace: string;
  timeZone: string;
  baseUrl: string | null;
  dayChange?: string;
  people: SchedulePeople;
  warnings: WarningTally;
  seenIds: Map<string, number>;
}

function readEvent(event: FrabEvent, context: EventContext): TalkFact | RecordError {
  const { fields, attributes, line } = event;
  const fail = (reason: string): RecordError => ({
    line,
    reason: `event ${attributes.id ?? attributes.guid ?? ''} at line ${line}: ${reason}`.replace('  ', ' '),
  });
  const id = attributes.id ?? attributes.guid;
  if (!id) return fail('no id attribute (schedule.xml.xsd requires id and guid)');
  for (const key of [attributes.id && `id ${attributes.id}`, attributes.guid && `guid ${attributes.guid}`]) {
    if (!key) continue;
    const first = context.seenIds.get(key);
    if (first !== undefined) return fail(`duplicate ${key}, first used at line ${first}`);
  }
  if (attributes.id) context.seenIds.set(`id ${attributes.id}`, line);
  if (attributes.guid) context.seenIds.set(`guid ${attributes.guid}`, line);
  if (!attributes.guid) context.warnings.add('events without a guid attribute, which schedule.xml.xsd requires');
  const title = fields.title?.replace(/\s+/g, ' ').trim();
  if (!title) return fail('no <title>');
  for (const name of EXPECTED_FIELDS)
    if (!(name in fields)) context.warnings.add(`events without <${name}>, which schedule.xml.xsd requires`);

  const startsAt = eventStart(event, context);
  if (typeof startsAt !== 'number') return fail(startsAt.reason);
  const minutes = fields.duration ? durationMinutes(fields.duration) : null;
  if (fields.duration && minutes === null)
    context.warnings.add(`durations that are not HH:MM (e.g. "${fields.duration.slice(0, 20)}"); end left open`);

  const nameless = event.persons.find((p) => !p.name.replace(/\s+/g, ''));
  if (nameless) return fail(`a <person> without a name at line ${nameless.line}`);
  const speakers = event.persons.map((p) => {
    const ids: ExternalIdFact[] = [];
    if (p.id) ids.push({ source: context.namespace, id: p.id });
    if (p.guid) ids.push({ source: 'guid', id: p.guid.toLowerCase() });
    return context.people.credit({ name: p.name, externalIds: ids });
  });
  const links = talkLinks(
    event.links
      .map((l) => ({ url: l.href, title: l.title, type: l.type, attachment: l.attachment }))
      .concat(fields.url ? [{ url: fields.url, title: 'Event page', type: 'web', attachment: false }] : []),
    context.baseUrl,
  );
  if (links.refused.length) context.warnings.add('links that are not http(s) URLs, left out');
  const externalIds: ExternalIdFact[] = [{ source: context.namespace, id }];
  if (attributes.guid && attributes.id) externalIds.push({ source: 'guid', id: attributes.guid.toLowerCase() });
  return {
    title,
    abstract: fields.abstract || fields.description || null,
    kind: talkKindOf(fields.type),
    startsAt: isoInZone(startsAt, context.timeZone),
    endsAt: minutes !== null ? isoInZone(startsAt + minutes * 60_000, context.timeZone) : null,
    slidesUrl: links.slidesUrl,
    videoUrl: links.videoUrl,
    links: links.links,
    speakers,
    room: fields.room || event.room || null,
    track: fields.track || null,
    language: fields.language || null,
    externalIds,
    at: { line },
  };
}

/**
 * When an event starts: its `<date>` (a date-time with offset) when given, else its day's date
 * and its `<start>` in the conference's time zone; a start before the day's start (or the
 * conference's day_change) falls after midnight, on the next calendar day.
 */
function eventStart(event: FrabEvent, context: EventContext): number | { reason: string } {
  const { fields, day } = event;
  if (fields.date) {
    const instant = instantWithOffset(fields.date);
    if (instant !== null) return instant;
    if (!fields.start) return { reason: `<date> "${fields.date.slice(0, 40)}" is not a date-time with offset` };
  }
  if (!fields.start) return { reason: 'no <start> and no <date>: the talk has no time' };
  const start = START.exec(fields.start);
  if (!start) return { reason: `<start> "${fields.start.slice(0, 20)}" is not HH:MM` };
  const dayDate = day.date ?? day.start?.slice(0, 10);
  if (!dayDate || !/^\d{4}-\d{2}-\d{2}$/.test(dayDate))
    return { reason: `its <day> at line ${day.line} has no date: the talk has no date` };
  const dayStart = day.start && /T(\d{2}:\d{2})/.exec(day.start)?.[1];
  const boundary = dayStart ?? context.dayChange?.slice(0, 5);
  const hhmm = `${start[1].padStart(2, '0')}:${start[2]}`;
  const date = boundary && hhmm < boundary ? nextDate(dayDate) : dayDate;
  const instant = zonedInstant(date, hhmm, context.timeZone);
  return instant ?? { reason: `no such day or time: ${date} ${hhmm}` };
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A conference start (a date, or a date-time with offset) as the event's start, when no talk has one. */
function conferenceDay(value: string | undefined, timeZone: string): string | null {
  if (!value) return null;
  const instant = instantWithOffset(value) ?? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? zonedInstant(value, '00:00', timeZone) : null);
  return instant === null ? null : isoInZone(instant, timeZone);
}
