import type { TalkLinkFact } from '../ingest/event-facts';
import { EXPORT_VERSION } from './frab-xml.export';
import type { PlacedTalk, ScheduleLayout } from './schedule-layout';
import { stableUuid } from './stable-uuid';
import { sortLinks, strictUri } from './talk-references';

/** The schema the document names: the C3VOC schedule.json version in the sample folder (v1 tree, `conference.days[].rooms`). */
export const SCHEDULE_JSON_SCHEMA = 'https://c3voc.de/schedule/schema.json';

/** The zone names the schema's `time_zone_name` pattern admits; others are left out (every time carries its offset). */
const ZONE_NAME = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/;

/** C3VOC's link types for eventgraph's link kinds. */
const REFERENCE_TYPES: Record<TalkLinkFact['kind'], string> = { SLIDES: 'slides', VIDEO: 'media', ATTACHMENT: 'related', OTHER: 'web' };

/**
 * A C3VOC schedule.json of a layout, valid against the schema in the sample folder: every
 * property an event requires is present (null where the graph does not know), persons are
 * pretalx-style `{ name, guid }`, and an event's `url` is its own page link when a source gave
 * one, else its guid as a `urn:uuid:` URI.
 */
export function scheduleJson(layout: ScheduleLayout): string {
  const rooms = [...new Set(layout.days.flatMap((d) => d.rooms.map((r) => r.name)))];
  const document = {
    $schema: SCHEDULE_JSON_SCHEMA,
    generator: { name: 'eventgraph', version: EXPORT_VERSION },
    schedule: {
      version: EXPORT_VERSION,
      conference: {
        acronym: layout.acronym,
        title: layout.title,
        ...(layout.description ? { description: layout.description } : {}),
        start: layout.start,
        end: layout.end,
        daysCount: layout.days.length,
        timeslot_duration: '00:05',
        ...(ZONE_NAME.test(layout.timeZone) ? { time_zone_name: layout.timeZone } : {}),
        tracks: layout.tracks.map((name) => ({ name })),
        rooms: rooms.map((name) => ({ name, guid: stableUuid(`Room:${layout.acronym}:${name}`) })),
        days: layout.days.map((day) => ({
          index: day.index,
          date: day.date,
          day_start: day.start,
          day_end: day.end,
          rooms: Object.fromEntries(day.rooms.map((room) => [room.name, room.talks.map((placed) => event(placed, room.name))])),
        })),
      },
    },
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}

function event(placed: PlacedTalk, room: string) {
  const { talk } = placed;
  const { links, attachments } = sortLinks(talk);
  const page = talk.links.find((l) => l.kind === 'OTHER' && l.title === 'Event page');
  return {
    guid: placed.guid,
    id: talk.key,
    date: placed.date,
    start: placed.start,
    end: placed.end,
    duration: placed.duration,
    room,
    slug: placed.slug,
    url: (page && strictUri(page.url)) ?? `urn:uuid:${placed.guid}`,
    title: talk.title,
    subtitle: null,
    track: talk.track,
    type: talk.kind.toLowerCase(),
    language: talk.language,
    abstract: talk.abstract,
    persons: placed.persons.map((p) => ({ name: p.name, guid: p.guid })),
    links: references(links),
    attachments: references(attachments),
  };
}

function references(links: readonly TalkLinkFact[]) {
  return links.flatMap((link) => {
    const url = strictUri(link.url);
    return url ? [{ type: REFERENCE_TYPES[link.kind], url, title: link.title ?? url }] : [];
  });
}
