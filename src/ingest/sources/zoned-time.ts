const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Whether `name` is an IANA time zone this runtime knows (by Intl, so no offsets are hard-coded). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || !name || name.length > 64) return false;
  try {
    formatIn(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone, as a UTC timestamp of those fields. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
}

/** An instant written as ISO 8601 in a time zone's local time with its offset, e.g. `2022-02-05T09:00:00+01:00`. */
export function isoInZone(instant: number, timeZone: string): string {
  const wall = wallClock(Math.floor(instant / 1000) * 1000, timeZone);
  const offset = Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${new Date(wall).toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant of a local date and time in a time zone, or null for an impossible date or time.
 * A time skipped by a daylight-saving change is read with the offset before the change.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi, s] = [+d[1], +d[2], +d[3], +t[1], +t[2], +(t[3] ?? 0)];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const guess = Date.UTC(y, mo - 1, da, h, mi, s);
  if (new Date(guess).getUTCDate() !== da) return null;
  let instant = guess - (wallClock(guess, timeZone) - guess);
  const corrected = guess - (wallClock(instant, timeZone) - instant);
  if (corrected !== instant && wallClock(corrected, timeZone) === guess) instant = corrected;
  return instant;
}

/** Parses an ISO 8601 date-time that carries an offset or `Z`; null for anything else. */
export function instantWithOffset(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{1,2}:?\d{2})$/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Parses a date-time that may lack an offset: read in `timeZone` then. */
export function instantIn(value: unknown, timeZone: string): number | null {
  const withOffset = instantWithOffset(value);
  if (withOffset !== null) return withOffset;
  if (typeof value !== 'string') return null;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?$/.exec(value);
  return local ? zonedInstant(local[1], local[2], timeZone) : null;
}

/** Minutes of a duration `H:MM`, `HH:MM:SS` or `D:HH:MM`; null when malformed. */
export function durationMinutes(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  // With three parts the first is hours and the last seconds (frab's HH:MM:SS), unless a fourth shows days.
  if (m[4] !== undefined) return +m[1] * 1440 + +m[2] * 60 + +m[3];
  if (m[1] !== undefined) return +m[1] * 60 + +m[2];
  return +m[2] * 60 + +m[3];
}
