import { isoInZone, zonedInstant } from './sources/zoned-time';

/** A calendar day with optional start and end times, as a page states it. */
export interface StatedTime {
  year: number | null;
  month: number;
  day: number;
  start: { hour: number; minute: number } | null;
  end: { hour: number; minute: number } | null;
}

/** Result of reading a date: the time, nothing, or why it is impossible. */
export type DateReading = { time: StatedTime } | { none: true } | { invalid: string };

const HALF_DAY_LATER = /下午|晚/;

/**
 * Reads Chinese event times such as "2021 年 04 月 24 日（周六）14:00-17:00",
 * "04 月 20 日 13:30--18:00" or "3 月 24 日周日下午 13 点" / "1 月 17 日周四晚 7 点".
 */
export function readChineseTime(text: string): DateReading {
  const day = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/.exec(text);
  if (!day) return { none: true };
  const [year, month, date] = [day[1] ? Number(day[1]) : null, Number(day[2]), Number(day[3])];
  if (!isValidDay(year ?? 2000, month, date)) return { invalid: `impossible date ${month} 月 ${date} 日` };
  const rest = text.slice(day.index + day[0].length);
  const range = /(\d{1,2})\s*[:：]\s*(\d{2})\s*(?:[-–—~～至到]+\s*(\d{1,2})\s*[:：]\s*(\d{2}))?/.exec(rest);
  if (range) {
    const start = { hour: Number(range[1]), minute: Number(range[2]) };
    const end = range[3] ? { hour: Number(range[3]), minute: Number(range[4]) } : null;
    return { time: { year, month, day: date, start, end } };
  }
  const clock = /(\d{1,2})\s*点(?:\s*(\d{1,2})\s*分|半)?/.exec(rest);
  if (!clock) return { time: { year, month, day: date, start: null, end: null } };
  let hour = Number(clock[1]);
  if (HALF_DAY_LATER.test(rest.slice(0, clock.index)) && hour < 12) hour += 12;
  const minute = clock[0].endsWith('半') ? 30 : Number(clock[2] ?? 0);
  return { time: { year, month, day: date, start: { hour, minute }, end: null } };
}

/** Whether a year, month and day name a real calendar day. */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Picks the year that puts a month and day nearest to a reference day (the publish date). */
export function nearestYear(month: number, day: number, reference: Date): number {
  const base = reference.getUTCFullYear();
  const options = [base - 1, base, base + 1].filter((year) => isValidDay(year, month, day));
  const distance = (year: number) => Math.abs(Date.UTC(year, month - 1, day) - reference.getTime());
  return options.sort((a, b) => distance(a) - distance(b))[0] ?? base;
}

/**
 * Formats a local wall-clock time in a time zone as ISO 8601 with that zone's offset on that
 * day, e.g. 2024-04-20T13:30:00+08:00 in Asia/Shanghai; null for an impossible day or time.
 */
export function toIso(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): string | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const instant = zonedInstant(`${year}-${pad(month)}-${pad(day)}`, `${pad(hour)}:${pad(minute)}`, timeZone);
  return instant === null ? null : isoInZone(instant, timeZone);
}

/**
 * Reads a front-matter date (string or Date) as an instant, or says why it is impossible. A
 * string without an offset is a wall-clock time in `timeZone`; YAML has already read a bare
 * timestamp as UTC, as its spec says.
 */
export function readFrontMatterDate(value: unknown, timeZone: string): { date: Date } | { invalid: string } | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { invalid: 'front matter date is not a date' } : { date: value };
  const text = String(value).trim();
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return { invalid: `front matter date "${text}" is not an ISO date` };
  const [y, mo, d, h = '0', mi = '0'] = match.slice(1).map((v) => v ?? undefined) as string[];
  if (!isValidDay(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59) {
    return { invalid: `front matter date "${text}" is not a real day` };
  }
  const zone = match[7];
  if (zone === undefined) return { date: new Date(toIso(Number(y), Number(mo), Number(d), Number(h), Number(mi), timeZone)!) };
  const offset = zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return { date: new Date(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:00${offset}`) };
}
