import { isObject, jsonPointer } from '../json-document';

/** One way a document breaks the schedule.json (v1) schema. */
export interface Violation {
  pointer: string;
  reason: string;
}

type Rule = (value: unknown, at: string, out: Violation[]) => void;

// Written by hand from the rules of C3VOC's schedule.json JSON Schema (v1); the schema itself is
// not part of this project. Formats are checked as JSON Schema validators commonly do.
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const URI = /^[a-z][a-z0-9+\-.]*:[^\s]*$/i;

const string: Rule = (v, at, out) => {
  if (typeof v !== 'string') out.push({ pointer: at, reason: 'must be a string' });
};
const nullableString: Rule = (v, at, out) => {
  if (v !== null && typeof v !== 'string') out.push({ pointer: at, reason: 'must be a string or null' });
};
const integer =
  (minimum?: number): Rule =>
  (v, at, out) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) out.push({ pointer: at, reason: 'must be an integer' });
    else if (minimum !== undefined && v < minimum) out.push({ pointer: at, reason: `must be at least ${minimum}` });
  };
const pattern =
  (re: RegExp, what: string): Rule =>
  (v, at, out) => {
    if (typeof v !== 'string') out.push({ pointer: at, reason: 'must be a string' });
    else if (v.length > 10_000 || !re.test(v)) out.push({ pointer: at, reason: `must be ${what}` });
  };
const oneOfTypes =
  (types: string[]): Rule =>
  (v, at, out) => {
    const type = v === null ? 'null' : typeof v;
    if (!types.includes(type)) out.push({ pointer: at, reason: `must be ${types.join(' or ')}` });
  };
const arrayOf =
  (item: Rule): Rule =>
  (v, at, out) => {
    if (!Array.isArray(v)) out.push({ pointer: at, reason: 'must be an array' });
    else v.forEach((x, i) => item(x, `${at}${jsonPointer(i)}`, out));
  };
const object =
  (properties: Record<string, Rule>, required: string[], closed: boolean): Rule =>
  (v, at, out) => {
    if (!isObject(v)) {
      out.push({ pointer: at, reason: 'must be an object' });
      return;
    }
    for (const name of required) if (!(name in v)) out.push({ pointer: at, reason: `must have property "${name}"` });
    for (const [name, value] of Object.entries(v)) {
      const rule = properties[name];
      if (rule) rule(value, `${at}${jsonPointer(name)}`, out);
      else if (closed) out.push({ pointer: `${at}${jsonPointer(name)}`, reason: 'is not a property the schema allows' });
    }
  };
const anything: Rule = () => {};
const forbidden: Rule = (_v, at, out) => out.push({ pointer: at, reason: 'must not be present' });

const uri = pattern(URI, 'a URI');
const reference = object(
  {
    type: (v, at, out) =>
      ['slides', 'paper', 'web', 'blog', 'article', 'media', 'related', 'activitypub'].includes(v as string)
        ? undefined
        : out.push({ pointer: at, reason: "must be one of the schema's link types" }),
    url: uri,
    title: string,
  },
  ['url'],
  true,
);
const person: Rule = (v, at, out) => {
  const local: Violation[] = [];
  object(
    { name: string, guid: pattern(UUID, 'a UUID'), id: integer(), url: uri, links: arrayOf(reference), public_name: string },
    [],
    false,
  )(v, at, local);
  out.push(...local);
  if (!isObject(v)) return;
  // oneOf: a frab person (public_name and id) or a pretalx person (name), never both.
  const frab = typeof v.public_name === 'string' && typeof v.id === 'number' && Number.isInteger(v.id);
  const pretalx =
    typeof v.name === 'string' &&
    (!('code' in v) || (typeof v.code === 'string' && /^[A-Z0-9]+$/.test(v.code))) &&
    (!('avatar' in v) || v.avatar === null || typeof v.avatar === 'string') &&
    (!('biography' in v) || v.biography === null || typeof v.biography === 'string');
  if (frab === pretalx)
    out.push({
      pointer: at,
      reason: frab
        ? 'matches both a frab person and a pretalx person (oneOf)'
        : 'is neither a frab person (public_name and id) nor a pretalx person (name)',
    });
};
const event = object(
  {
    guid: pattern(UUID, 'a UUID'),
    code: pattern(/^[A-Z0-9]+$/, 'upper-case letters and digits'),
    id: integer(1),
    logo: anything,
    date: pattern(DATE_TIME, 'a date-time'),
    start: pattern(/^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM'),
    end: pattern(DATE_TIME, 'a date-time'),
    duration: pattern(/^[0-9]+:[0-9]{2}$/, 'a duration hh:mm'),
    room: string,
    slug: pattern(/^[a-z0-9_-]+[a-z0-9]$/, 'a slug'),
    url: uri,
    title: string,
    subtitle: nullableString,
    track: nullableString,
    type: string,
    language: nullableString,
    abstract: nullableString,
    description: nullableString,
    recording_license: string,
    do_not_record: oneOfTypes(['boolean', 'null']),
    do_not_stream: oneOfTypes(['boolean', 'string', 'null']),
    persons: arrayOf(person),
    links: arrayOf(reference),
    feedback_url: uri,
    origin_url: uri,
    attachments: arrayOf(reference),
  },
  [
    'abstract',
    'date',
    'duration',
    'guid',
    'id',
    'language',
    'links',
    'persons',
    'room',
    'slug',
    'start',
    'subtitle',
    'title',
    'track',
    'type',
    'url',
  ],
  true,
);
const day = object(
  {
    index: integer(),
    date: pattern(DATE, 'a date'),
    day_start: pattern(DATE_TIME, 'a date-time'),
    day_end: pattern(DATE_TIME, 'a date-time'),
    rooms: (v, at, out) => {
      if (!isObject(v)) out.push({ pointer: at, reason: 'must be an object' });
      else for (const [name, events] of Object.entries(v)) arrayOf(event)(events, `${at}${jsonPointer(name)}`, out);
    },
  },
  ['date', 'day_end', 'day_start', 'index', 'rooms'],
  true,
);
const conference = object(
  {
    acronym: pattern(/^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/, 'an acronym of lower-case letters, digits and _'),
    title: string,
    description: string,
    start: string,
    end: string,
    daysCount: integer(),
    timeslot_duration: string,
    time_zone_name: pattern(/^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/, 'a time zone name such as Europe/Berlin or UTC'),
    logo: uri,
    colors: anything,
    keywords: arrayOf(string),
    url: uri,
    tracks: arrayOf(object({ name: string, slug: pattern(/^[a-z0-9_-]+[a-z0-9]$/, 'a slug') }, [], false)),
    rooms: arrayOf(anything),
    meta: anything,
    days: arrayOf(day),
  },
  ['title', 'acronym', 'days', 'daysCount', 'start', 'end', 'timeslot_duration'],
  true,
);
const root = object(
  {
    schedule: object({ version: string, base_url: uri, conference, rooms: forbidden }, ['conference', 'version'], false),
    $schema: string,
    generator: object({ name: string, version: string, url: uri }, [], false),
  },
  ['schedule'],
  true,
);

/** Every way a document breaks the schedule.json v1 schema; empty when it is valid. */
export function scheduleJsonViolations(document: unknown): Violation[] {
  const out: Violation[] = [];
  root(document, '', out);
  return out;
}
