import type { ScheduleKind } from './detect-format';
import { readFrabXml } from './frab-xml/read-frab-xml';
import { readIcalendar } from './icalendar/read-icalendar';
import { parseJsonDocument } from './json-document';
import { readScheduleJson } from './schedule-json/read-schedule-json';
import type { ScheduleInput, ScheduleRead } from './schedule-read';
import { readSessionize } from './sessionize/read-sessionize';

/** Which reader a kind of document goes to, by the name reports give it. */
export const READER_NAMES: Record<ScheduleKind, string> = {
  'frab-xml': 'frab/pentabarf XML',
  'schedule-json': 'C3VOC schedule.json',
  sessionize: 'Sessionize',
  icalendar: 'iCalendar',
};

/**
 * Reads a schedule document with the reader for its kind. JSON is parsed here unless the caller
 * parsed it already (format detection does); a byte order mark is allowed and reported.
 */
export function readSchedule(kind: ScheduleKind, input: ScheduleInput, parsedJson?: unknown): ScheduleRead {
  if (kind === 'frab-xml') return readFrabXml(input);
  if (kind === 'icalendar') {
    const bom = input.bytes[0] === 0xef && input.bytes[1] === 0xbb && input.bytes[2] === 0xbf;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? input.bytes.subarray(3) : input.bytes);
    } catch {
      return { ok: false, line: 1, reason: 'the calendar is not UTF-8 text (a wrong encoding?); RFC 5545 calendars are UTF-8' };
    }
    return readIcalendar(text, input);
  }
  let json = parsedJson;
  let bom = false;
  if (json === undefined) {
    const parsed = parseJsonDocument(input.bytes);
    if (!parsed.ok) return { ok: false, line: parsed.line, reason: parsed.reason };
    json = parsed.value;
    bom = parsed.bom;
  } else bom = input.bytes[0] === 0xef && input.bytes[1] === 0xbb && input.bytes[2] === 0xbf;
  const read = kind === 'schedule-json' ? readScheduleJson(json, input) : readSessionize(json, input);
  if (read.ok && bom) read.warnings.unshift('the file starts with a UTF-8 byte order mark (ignored)');
  return read;
}
