import { SaxesParser } from 'saxes';
import type { FrabDay, FrabEvent } from './frab-event';
import { xmlDecoding } from './xml-decoding';

/** What the streaming pass hands on: the conference's fields, each event as it closes, and the day count. */
export interface FrabParse {
  root: string;
  conference: Record<string, string> | null;
  days: number;
  version: string | null;
}

/** A document the parser refuses, with the line at fault. */
export class XmlRefused extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
  }
}

const CHUNK = 64 * 1024;
/** Elements whose text is read; every other element's text (whitespace between tags) is dropped. */
const CONTAINERS = new Set(['schedule', 'conference', 'day', 'room', 'event', 'persons', 'links', 'attachments', 'recording', 'generator']);

/**
 * Streams a frab/pentabarf schedule through a SAX parser, 64 KiB at a time, calling `onEvent`
 * for each `<event>` as it closes, so no tree of the document is ever built. A DOCTYPE that
 * declares entities is refused before any of them could be used (saxes never fetches external
 * ones, and refusing the declarations stops entity bombs too); malformed XML is refused with
 * its line.
 */
export function parseFrabXml(bytes: Buffer, onEvent: (event: FrabEvent) => void): FrabParse {
  const decoding = xmlDecoding(bytes);
  if (!decoding.ok) throw new XmlRefused(1, decoding.reason);
  const parser = new SaxesParser({ position: true });
  const result: FrabParse = { root: '', conference: null, days: 0, version: null };
  const stack: { name: string; attributes: Record<string, string>; text: string; line: number; leaf: boolean }[] = [];
  let day: FrabDay | null = null;
  let room: string | null = null;
  let event: FrabEvent | null = null;

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      const line = parser.line - (doctype.match(/\n/g)?.length ?? 0);
      throw new XmlRefused(
        line,
        'the DOCTYPE declares entities; schedules with entity declarations are refused (they can read local files or expand without bound)',
      );
    }
  });
  parser.on('error', (error) => {
    throw new XmlRefused(parser.line, `malformed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    const parent = stack[stack.length - 1]?.name;
    // An event's own <room> holds its room's name; the day's <room> holds events.
    stack.push({
      name: tag.name,
      attributes,
      text: '',
      line: parser.line,
      leaf: !CONTAINERS.has(tag.name) || (tag.name === 'room' && parent === 'event'),
    });
    if (stack.length === 1) result.root = tag.name;
    if (stack.length === 1 && tag.name !== 'schedule')
      throw new XmlRefused(parser.line, `the root element is <${tag.name}>, not <schedule>: not a frab/pentabarf schedule`);
    if (tag.name === 'conference' && parent === 'schedule') result.conference = {};
    else if (tag.name === 'day' && parent === 'schedule') {
      result.days++;
      day = { ...attributes, line: parser.line };
    } else if (tag.name === 'room' && parent === 'day') room = attributes.name ?? null;
    else if (tag.name === 'event' && parent === 'room' && day) {
      event = { line: parser.line, attributes, fields: {}, persons: [], links: [], room, day };
    }
  });
  const addText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top?.leaf) top.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const element = stack.pop()!;
    const parent = stack[stack.length - 1]?.name;
    const text = element.text.trim();
    if (parent === 'schedule' && element.name === 'version') result.version = text;
    else if (parent === 'conference' && result.conference && !(element.name in result.conference)) result.conference[element.name] = text;
    else if (event && parent === 'event' && element.leaf) event.fields[element.name] ??= text;
    else if (event && parent === 'persons' && element.name === 'person') {
      event.persons.push({ id: element.attributes.id, guid: element.attributes.guid, name: text, line: element.line });
    } else if (event && (parent === 'links' || parent === 'attachments') && (element.name === 'link' || element.name === 'attachment')) {
      event.links.push({
        href: element.attributes.href,
        title: text,
        type: element.attributes.type,
        attachment: element.name === 'attachment',
      });
    } else if (event && parent === 'recording' && (element.name === 'url' || element.name === 'link') && text) {
      event.links.push({ href: text, title: 'Recording', type: 'video', attachment: false });
    } else if (element.name === 'event' && event) {
      onEvent(event);
      event = null;
    } else if (element.name === 'room' && parent === 'day') room = null;
    else if (element.name === 'day' && parent === 'schedule') day = null;
  });

  let decodedLines = 1;
  for (let at = decoding.skip; at < bytes.length; at += CHUNK) {
    let text: string;
    try {
      text = decoding.decoder.decode(bytes.subarray(at, Math.min(at + CHUNK, bytes.length)), { stream: true });
    } catch {
      throw new XmlRefused(
        decodedLines,
        `bytes that are not ${decoding.decoder.encoding} text (a wrong encoding?): convert the file to UTF-8`,
      );
    }
    decodedLines += text.match(/\n/g)?.length ?? 0;
    parser.write(text);
  }
  try {
    parser.write(decoding.decoder.decode());
  } catch {
    throw new XmlRefused(decodedLines, `the file ends inside a ${decoding.decoder.encoding} character (a wrong encoding?)`);
  }
  parser.close();
  if (!result.root) throw new XmlRefused(1, 'the file holds no XML element');
  return result;
}
