import type { TalkFilter } from '../talks/talk.filter';

/** A filter read from an export's query string, in a canonical form (its cache key), or why it was refused. */
export type ExportFilterRead = { ok: true; filter: TalkFilter; canonical: string } | { ok: false; message: string };

/** Query parameters an export takes, and the talk filter field each fills. */
// A Map, not an object: `'__proto__' in {}` is true.
const LIST_PARAMETERS = new Map<string, 'projects' | 'communities' | 'speakers' | 'events'>([
  ['project', 'projects'],
  ['community', 'communities'],
  ['speaker', 'speakers'],
  ['event', 'events'],
]);
const MAX_VALUES = 20;
const MAX_LENGTH = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What the export parameters mean, for error messages and the README. */
export const EXPORT_PARAMETERS_HELP =
  'project, community, speaker and event (each may repeat; any of the values matches; a project by slug, name or alias, a speaker by ID, name or alias, an event by ID or slug), from and to (a date YYYY-MM-DD or a date-time with offset; to is exclusive)';

/**
 * Reads `?project=seata&from=2024-01-01` into a talk filter. Anything else is refused with a
 * message a person can act on: an unknown parameter, an empty or over-long value, too many
 * values, a date that is not ISO 8601 or does not exist, a range that ends before it starts.
 */
export function readExportFilter(query: URLSearchParams): ExportFilterRead {
  const filter: TalkFilter = {};
  const canonical: string[] = [];
  // Read from the query string itself, not a parsed object, so `__proto__` or `a[b]` is a name like any other.
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    if (!LIST_PARAMETERS.has(name) && name !== 'from' && name !== 'to') {
      return { ok: false, message: `unknown parameter "${name.slice(0, 40)}"; the parameters are ${EXPORT_PARAMETERS_HELP}` };
    }
    if (values.length > MAX_VALUES) return { ok: false, message: `"${name}" is given ${values.length} times; at most ${MAX_VALUES}` };
    for (const value of values) {
      if (!value.trim()) return { ok: false, message: `"${name}" is empty; leave it out or give a value` };
      if (value.length > MAX_LENGTH) return { ok: false, message: `"${name}" is longer than ${MAX_LENGTH} characters` };
    }
    if (name === 'from' || name === 'to') {
      if (values.length > 1) return { ok: false, message: `"${name}" is given more than once` };
      const instant = readInstant(values[0]);
      if (instant === null)
        return {
          ok: false,
          message: `"${name}" is "${values[0].slice(0, 40)}", not a date (YYYY-MM-DD) or a date-time with offset (2024-04-20T09:00:00+08:00)`,
        };
      filter[name] = instant;
      canonical.push(`${name}=${instant.toISOString()}`);
    } else {
      const field = LIST_PARAMETERS.get(name)!;
      filter[field] = [...new Set(values)];
      canonical.push(...filter[field]!.map((v) => `${name}=${encodeURIComponent(v)}`));
    }
  }
  if (filter.from && filter.to && filter.to <= filter.from)
    return { ok: false, message: '"to" is not after "from": the range holds no time' };
  return { ok: true, filter, canonical: canonical.sort().join('&') };
}

/** A date (midnight UTC) or a date-time with offset that exists on the calendar; null otherwise. */
function readInstant(value: string): Date | null {
  if (!DATE.test(value) && !DATE_TIME.test(value)) return null;
  const date = new Date(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return null;
  // Date accepts 2024-02-30 as 1 March; the day written must be the day read.
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const local = DATE.test(value) ? date : new Date(Date.UTC(y, m - 1, d));
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== m - 1 || local.getUTCDate() !== d) return null;
  return date;
}
