import { isObject, parseJsonDocument } from './json-document';

/** The readers a document can be given to. */
export type ScheduleKind = 'frab-xml' | 'schedule-json' | 'sessionize' | 'icalendar';

/** What a file is, judged by its content (its name decides only for licence and readme files). */
export type DetectedFormat =
  | { kind: 'event-page' }
  | { kind: ScheduleKind; json?: unknown }
  /** Not something to import: a licence, a readme, a JSON Schema; skipped with the reason. */
  | { kind: 'other'; reason: string }
  /** Recognisably broken: malformed JSON. */
  | { kind: 'broken'; line: number; reason: string };

const NOT_SOURCES = /^(licen[cs]e|copying|notice|readme|authors|changelog)([._-].*)?$/i;
const PAGE_NAME = /\.(md|markdown|txt)$/i;

/**
 * Recognises a document's format from its first bytes (and, for JSON, its parsed structure):
 * `BEGIN:VCALENDAR` is iCalendar, XML whose root is `<schedule>` is frab/pentabarf, JSON with
 * `schedule.conference` is C3VOC schedule.json, JSON with `sessions` (or Sessionize's session
 * groups) is Sessionize, and a page file (`.md`, `.markdown`, `.txt`) is an event page. Licence
 * and readme files are recognised by name and left alone.
 */
export function detectFormat(fileName: string, bytes: Buffer): DetectedFormat {
  if (NOT_SOURCES.test(fileName)) return { kind: 'other', reason: 'a licence or readme file, not a source' };
  const head = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^BEGIN:VCALENDAR\b/i.test(head)) return { kind: 'icalendar' };
  if (head.startsWith('<')) {
    // The first start tag; declarations (`<?`, `<!`) never match a name's first character.
    const root = /<([A-Za-z_][\w.:-]{0,100})/.exec(head)?.[1];
    if (root === 'schedule') return { kind: 'frab-xml' };
    // A DOCTYPE longer than the head still goes to the frab reader, which refuses its entities.
    if (root === undefined && /<!DOCTYPE/i.test(head)) return { kind: 'frab-xml' };
    return {
      kind: 'other',
      reason: root ? `XML whose root is <${root.slice(0, 40)}>, not a frab <schedule>` : 'XML that is not a frab schedule',
    };
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    const parsed = parseJsonDocument(bytes);
    if (!parsed.ok) return { kind: 'broken', line: parsed.line, reason: parsed.reason };
    const doc = parsed.value;
    if (isObject(doc) && isObject(doc.schedule)) return { kind: 'schedule-json', json: doc };
    if (isObject(doc) && Array.isArray(doc.sessions)) return { kind: 'sessionize', json: doc };
    if (Array.isArray(doc) && doc.length > 0 && doc.every((g) => isObject(g) && Array.isArray(g.sessions)))
      return { kind: 'sessionize', json: doc };
    if (isObject(doc) && ('$schema' in doc || 'definitions' in doc) && ('properties' in doc || 'definitions' in doc))
      return { kind: 'other', reason: 'a JSON Schema, not a schedule' };
    return { kind: 'other', reason: 'JSON that is neither schedule.json (schedule.conference) nor a Sessionize export (sessions)' };
  }
  if (PAGE_NAME.test(fileName) || head.startsWith('---')) return { kind: 'event-page' };
  return { kind: 'other', reason: 'not a format eventgraph reads (event page, frab XML, schedule.json, Sessionize, iCalendar)' };
}
