import type { TalkLinkFact } from '../ingest/event-facts';
import { sortLinks } from './talk-references';
import type { PlacedTalk, ScheduleLayout } from './schedule-layout';
import { xmlText } from './xml-text';

/** Which schedule version the documents say they are: the export's own. */
export const EXPORT_VERSION = 'eventgraph 1';

/**
 * A frab/pentabarf schedule XML of a layout, in the element order and with every element and
 * attribute that schedule.xml.xsd requires (the conference's fields the XSD does not list, such
 * as venue and city, are left out so the document stays valid).
 */
export function frabXml(layout: ScheduleLayout): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule>',
    '  <generator name="eventgraph"/>',
    `  <version>${EXPORT_VERSION}</version>`,
    '  <conference>',
  ];
  out.push(element(4, 'title', layout.title), element(4, 'acronym', layout.acronym));
  out.push(element(4, 'start', layout.start), element(4, 'end', layout.end), element(4, 'days', String(layout.days.length)));
  out.push(element(4, 'time_zone_name', layout.timeZone));
  for (const track of layout.tracks) out.push(`    <track name="${xmlText(track)}">${xmlText(track)}</track>`);
  out.push('  </conference>');
  for (const day of layout.days) {
    out.push(`  <day index="${day.index}" date="${day.date}" start="${day.start}" end="${day.end}">`);
    for (const room of day.rooms) {
      out.push(`    <room name="${xmlText(room.name)}">`);
      for (const placed of room.talks) out.push(...event(placed, room.name));
      out.push('    </room>');
    }
    out.push('  </day>');
  }
  out.push('</schedule>', '');
  return out.join('\n');
}

function event(placed: PlacedTalk, room: string): string[] {
  const { talk } = placed;
  const out = [`      <event id="${talk.key}" guid="${placed.guid}">`];
  const add = (name: string, value: string | null) => out.push(element(8, name, value ?? ''));
  add('date', placed.date);
  add('start', placed.start);
  add('duration', placed.duration);
  add('room', room);
  add('slug', placed.slug);
  add('title', talk.title);
  add('track', talk.track);
  add('type', talk.kind.toLowerCase());
  add('language', talk.language);
  add('abstract', talk.abstract);
  out.push('        <persons>');
  for (const person of placed.persons) out.push(`          <person guid="${person.guid}">${xmlText(person.name)}</person>`);
  out.push('        </persons>');
  const { links, attachments } = sortLinks(talk);
  out.push('        <links>', ...links.map((l) => link(l, 'link')), '        </links>');
  out.push('        <attachments>', ...attachments.map((l) => link(l, 'attachment')), '        </attachments>');
  out.push('      </event>');
  return out;
}

const LINK_TYPES: Record<TalkLinkFact['kind'], string> = { SLIDES: 'slides', VIDEO: 'video', ATTACHMENT: 'attachment', OTHER: 'web' };

function link(l: TalkLinkFact, name: 'link' | 'attachment'): string {
  return `          <${name} href="${xmlText(l.url)}" type="${LINK_TYPES[l.kind]}">${xmlText(l.title ?? l.url)}</${name}>`;
}

function element(indent: number, name: string, value: string): string {
  return `${' '.repeat(indent)}<${name}>${xmlText(value)}</${name}>`;
}
