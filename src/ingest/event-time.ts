import { readChineseTime, nearestYear, readFrontMatterDate, toIso } from './event-dates';
import { isoInZone } from './sources/zoned-time';
import { SummaryField } from './summary-fields';

/** When an event happened, or why its date is impossible. */
export type EventTime = { startsAt: string | null; endsAt: string | null; warnings: string[] } | { invalid: string; line: number };

/**
 * Works out start and end from the 活动时间 field, whose day often lacks a year (the year
 * is the one nearest the publish date), falling back to the publish date itself. Wall-clock
 * times are read in `timeZone`, the page's or its community's.
 */
export function readEventTime(field: SummaryField | undefined, publish: unknown, publishLine: number, timeZone: string): EventTime {
  const published = readFrontMatterDate(publish, timeZone);
  if (published && 'invalid' in published) return { invalid: published.invalid, line: publishLine };
  const reading = field ? readChineseTime(field.value) : { none: true as const };
  if ('invalid' in reading) return { invalid: reading.invalid, line: field!.line };
  if ('none' in reading) {
    if (!published) return { startsAt: null, endsAt: null, warnings: ['the page never says when the event happened'] };
    const warnings = ['event time taken from the publish date'];
    return { startsAt: isoInZone(Math.floor(published.date.getTime() / 60_000) * 60_000, timeZone), endsAt: null, warnings };
  }
  const { time } = reading;
  const warnings: string[] = [];
  let year = time.year;
  if (year === null) {
    if (!published) return { startsAt: null, endsAt: null, warnings: ['event day has no year and the page has no publish date'] };
    year = nearestYear(time.month, time.day, published.date);
  }
  if (!time.start) warnings.push('event day has no time of day');
  const start = time.start ?? { hour: 0, minute: 0 };
  const startsAt = toIso(year, time.month, time.day, start.hour, start.minute, timeZone);
  const endsAt = time.end ? toIso(year, time.month, time.day, time.end.hour, time.end.minute, timeZone) : null;
  const impossible = startsAt === null ? start : time.end && endsAt === null ? time.end : null;
  if (impossible)
    return { invalid: `impossible time of day ${impossible.hour}:${String(impossible.minute).padStart(2, '0')}`, line: field!.line };
  return { startsAt, endsAt, warnings };
}
