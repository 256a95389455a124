import type { ContentLine } from './content-lines';
import { isTimeZone, zonedInstant } from '../zoned-time';

/** What a calendar's VTIMEZONE says, as far as it could be read. */
export interface CalendarZone {
  /** An IANA name the definition maps to (its TZID or X-LIC-LOCATION), when it has one. */
  iana?: string;
  /** Its standard offset in minutes, the fallback for a zone Intl does not know. */
  offsetMinutes?: number;
}

/** An iCalendar DATE or DATE-TIME value read as an instant, or why it could not be. */
export type IcalInstant = { instant: number; warning?: string } | { invalid: string };

/**
 * Reads DTSTART/DTEND: UTC (`Z`), floating or TZID-local date-times and all-day DATE values.
 * A TZID that is an IANA name is used directly; otherwise its VTIMEZONE's location or standard
 * offset; otherwise the fallback zone, with a warning that says so.
 */
export function icalInstant(property: ContentLine, zones: Map<string, CalendarZone>, fallback: string): IcalInstant {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/.exec(property.value.trim());
  if (!m) return { invalid: `${property.name} "${property.value.slice(0, 40)}" is not an iCalendar date or date-time` };
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const time = m[4] ? `${m[4]}:${m[5]}:${m[6] ?? '00'}` : '00:00:00';
  if (m[7]) {
    const instant = Date.parse(`${date}T${time}Z`);
    return Number.isNaN(instant) ? { invalid: `${property.name} ${property.value} is not a real date` } : { instant };
  }
  const tzid = property.params.TZID;
  let zone = fallback;
  let warning: string | undefined;
  if (tzid) {
    const defined = zones.get(tzid);
    const label = tzid.slice(0, 64);
    if (isTimeZone(tzid)) zone = tzid;
    else if (defined?.iana) zone = defined.iana;
    else if (defined?.offsetMinutes !== undefined) {
      const local = zonedInstant(date, time, 'UTC');
      return local === null
        ? { invalid: `${property.name} ${property.value} is not a real date` }
        : { instant: local - defined.offsetMinutes * 60_000, warning: `time zone "${label}" read as its fixed standard offset` };
    } else warning = `time zone "${label}" has no usable VTIMEZONE; read in ${fallback}`;
  }
  const instant = zonedInstant(date, time, zone);
  return instant === null ? { invalid: `${property.name} ${property.value} is not a real date` } : { instant, warning };
}

/** Minutes of an RFC 5545 DURATION such as `PT1H30M` or `P1D`; null when malformed. */
export function icalDurationMinutes(value: string): number | null {
  const m = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value.trim());
  if (!m || value.trim() === 'P' || value.trim().endsWith('T')) return null;
  return (+(m[1] ?? 0) * 7 + +(m[2] ?? 0)) * 1440 + +(m[3] ?? 0) * 60 + +(m[4] ?? 0) + Math.round(+(m[5] ?? 0) / 60);
}

/** A UTC offset `+0100` or `-0530` in minutes; null when malformed. */
export function utcOffsetMinutes(value: string): number | null {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value.trim());
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]) : null;
}
