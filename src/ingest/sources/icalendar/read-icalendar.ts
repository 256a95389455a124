import type { TalkFact } from '../../event-facts';
import { SchedulePeople } from '../schedule-people';
import { WarningTally, type RecordError, type ScheduleInput, type ScheduleRead } from '../schedule-read';
import { scheduleSlug } from '../schedule-slug';
import { talkLinks } from '../talk-links';
import { isoInZone, isTimeZone } from '../zoned-time';
import { contentLines, unescapeText, type ContentLine } from './content-lines';
import { entrySpeakers } from './event-speakers';
import { icalDurationMinutes, icalInstant, utcOffsetMinutes, type CalendarZone } from './ical-time';

/** One VEVENT as read: its properties and where it starts. */
interface Entry {
  line: number;
  properties: ContentLine[];
}

/**
 * Reads an iCalendar feed (RFC 5545) into one event whose talks are its VEVENTs: the lossy
 * fallback, since a calendar names people only in passing (see `entrySpeakers`). UIDs that
 * repeat with different starts are kept apart; an exact repeat is read once. A broken
 * VTIMEZONE is read as far as it goes and reported. An entry without a start or a summary fails
 * alone with its line; text that is not a calendar fails whole.
 */
export function readIcalendar(text: string, input: ScheduleInput & { eventTitle?: string }): ScheduleRead {
  const lines = contentLines(text);
  if (lines[0]?.name !== 'BEGIN' || lines[0].value.trim().toUpperCase() !== 'VCALENDAR')
    return { ok: false, line: lines[0]?.line ?? 1, reason: 'the text does not start with BEGIN:VCALENDAR: not an iCalendar file' };
  const warnings = new WarningTally();
  const errors: RecordError[] = [];
  const calendar: Record<string, string> = {};
  const zones = new Map<string, CalendarZone>();
  const entries: Entry[] = [];
  const stack: { kind: string; line: number }[] = [];
  let entry: Entry | null = null;
  let zone: { id?: string; location?: string; offsets: number[]; line: number } | null = null;

  for (const l of lines) {
    if (l.name === '') {
      warnings.add(`lines that are not NAME:VALUE content lines, ignored (first at line ${l.line})`);
      continue;
    }
    const value = l.value.trim().toUpperCase();
    if (l.name === 'BEGIN') {
      stack.push({ kind: value, line: l.line });
      if (value === 'VEVENT' && stack.length === 2) entry = { line: l.line, properties: [] };
      if (value === 'VTIMEZONE') zone = { offsets: [], line: l.line };
      continue;
    }
    if (l.name === 'END') {
      const open = stack.pop();
      if (!open || open.kind !== value) {
        return {
          ok: false,
          line: l.line,
          reason: `END:${value.slice(0, 40)} does not close ${open ? `BEGIN:${open.kind.slice(0, 40)} of line ${open.line}` : 'anything'}`,
        };
      }
      if (value === 'VEVENT' && entry && stack.length === 1) {
        entries.push(entry);
        entry = null;
      }
      if (value === 'VTIMEZONE' && zone) {
        if (zone.id) {
          const iana = [zone.id, zone.location].find(isTimeZone);
          zones.set(zone.id, { iana, offsetMinutes: zone.offsets[0] });
          if (!iana && zone.offsets.length === 0)
            warnings.add(`VTIMEZONE "${zone.id.slice(0, 64)}" at line ${zone.line} gives no offset and no known zone name`);
        } else warnings.add(`a VTIMEZONE without TZID at line ${zone.line}, ignored`);
        zone = null;
      }
      continue;
    }
    const inside = stack[stack.length - 1]?.kind;
    if (entry && inside === 'VEVENT') entry.properties.push(l);
    else if (zone && inside === 'VTIMEZONE' && l.name === 'TZID') zone.id = l.value.trim();
    else if (zone && inside === 'VTIMEZONE' && l.name === 'X-LIC-LOCATION') zone.location = l.value.trim();
    else if (zone && inside === 'STANDARD' && l.name === 'TZOFFSETTO') {
      const offset = utcOffsetMinutes(l.value);
      if (offset === null) warnings.add(`a TZOFFSETTO that is not ±HHMM at line ${l.line}`);
      else zone.offsets.push(offset);
    } else if (stack.length === 1 && !(l.name in calendar)) calendar[l.name] = unescapeText(l.value);
  }
  if (stack.length) {
    const open = stack[stack.length - 1];
    if (open.kind === 'VEVENT')
      errors.push({ line: open.line, reason: `the VEVENT of line ${open.line} is never closed (END:VEVENT missing); left out` });
    warnings.add(`the file ends inside BEGIN:${open.kind.slice(0, 40)} of line ${open.line}`);
  }

  const calendarZone = calendar['X-WR-TIMEZONE']?.trim();
  const timeZone = isTimeZone(calendarZone) ? calendarZone : input.timeZone;
  const title = calendar['X-WR-CALNAME']?.trim() || input.eventTitle || input.sourceUri.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const slug = scheduleSlug(title);
  const namespace = `ical:${slug}`;
  const uidCount = new Map<string, number>();
  for (const e of entries) {
    const uid = e.properties.find((p) => p.name === 'UID')?.value.trim();
    if (uid) uidCount.set(uid, (uidCount.get(uid) ?? 0) + 1);
  }
  const people = new SchedulePeople();
  const talks: TalkFact[] = [];
  const seen = new Map<string, number>();
  for (const e of entries) {
    const get = (name: string) => e.properties.find((p) => p.name === name);
    const fail = (reason: string) => errors.push({ line: e.line, reason: `VEVENT at line ${e.line}: ${reason}` });
    const summary = get('SUMMARY') ? unescapeText(get('SUMMARY')!.value).replace(/\s+/g, ' ').trim() : '';
    if (!summary) {
      fail('no SUMMARY: the talk has no title');
      continue;
    }
    const dtstart = get('DTSTART');
    if (!dtstart) {
      fail('no DTSTART: the talk has no date');
      continue;
    }
    const start = icalInstant(dtstart, zones, timeZone);
    if ('invalid' in start) {
      fail(start.invalid);
      continue;
    }
    if (start.warning) warnings.add(start.warning);
    const dtend = get('DTEND');
    const end = dtend ? icalInstant(dtend, zones, timeZone) : null;
    const duration = get('DURATION');
    const minutes = duration ? icalDurationMinutes(duration.value) : null;
    const endsAt = end && 'instant' in end ? end.instant : minutes !== null ? start.instant + minutes * 60_000 : null;
    if (get('RRULE')) warnings.add('recurring entries (RRULE) are read as their first occurrence');

    const uid = get('UID')?.value.trim();
    const recurrence = get('RECURRENCE-ID')?.value.trim();
    const id = uid ? ((uidCount.get(uid) ?? 0) > 1 || recurrence ? `${uid}/${recurrence ?? dtstart.value.trim()}` : uid) : null;
    if (!uid) warnings.add('entries without a UID');
    if (id && seen.has(id)) {
      warnings.add(
        `an entry repeated with the same UID and start is read once (UID ${uid!.slice(0, 80)}, lines ${seen.get(id)} and ${e.line})`,
      );
      continue;
    }
    if (id) seen.set(id, e.line);
    const description = get('DESCRIPTION') ? unescapeText(get('DESCRIPTION')!.value) : null;
    const { title: talkTitle, speakers } = entrySpeakers(summary, description, e.properties);
    if (!speakers.length) warnings.add('entries that name no speaker (no ATTENDEE, Speaker: line, "Title - Name" or ORGANIZER)');
    const links = talkLinks(
      e.properties
        .filter((p) => p.name === 'URL' || p.name === 'ATTACH')
        .map((p) => ({ url: p.value.trim(), title: null, type: p.params.FMTTYPE ?? '', attachment: p.name === 'ATTACH' })),
    );
    if (links.refused.length) warnings.add('links that are not http(s) URLs, left out');
    talks.push({
      title: talkTitle || summary,
      abstract: description?.trim() || null,
      kind: 'TALK',
      startsAt: isoInZone(start.instant, timeZone),
      endsAt: endsAt === null ? null : isoInZone(endsAt, timeZone),
      slidesUrl: links.slidesUrl,
      videoUrl: links.videoUrl,
      links: links.links,
      speakers: speakers.map((s) => people.credit({ name: s.name, role: s.role })),
      room: get('LOCATION') ? unescapeText(get('LOCATION')!.value).trim() || null : null,
      track: get('CATEGORIES') ? unescapeText(get('CATEGORIES')!.value).split(',')[0].trim() || null : null,
      externalIds: id ? [{ source: namespace, id }] : undefined,
      at: { line: e.line },
    });
  }
  const starts = talks.map((t) => t.startsAt!).sort();
  const ends = talks.map((t) => t.endsAt ?? t.startsAt!).sort();
  return {
    ok: true,
    facts: {
      events: [
        {
          slug,
          title,
          community: input.community,
          startsAt: starts[0] ?? null,
          endsAt: ends[ends.length - 1] ?? null,
          timeZone,
          talks,
          speakers: people.list(),
          at: { line: 1 },
        },
      ],
    },
    warnings: warnings.list(),
    errors,
  };
}
