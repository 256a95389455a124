import ical, { ICalCalendarMethod } from 'ical-generator';
import type { FeedEvent } from './feed-events.query';

/** Which link of an event a calendar entry points at, best first. */
const LINK_PREFERENCE = ['REGISTRATION', 'LIVESTREAM', 'REPLAY', 'RECAP', 'PHOTO_ALBUM', 'OTHER'];

/**
 * An iCalendar (RFC 5545) document of events. ical-generator does the escaping, the folding at
 * 75 octets (Chinese titles included) and the CRLF line ends; times are written in UTC.
 */
export function icalFeed(name: string, events: FeedEvent[]): string {
  const calendar = publishedCalendar(name, 'event feed');
  for (const event of events) {
    const link = [...event.links].sort((a, b) => LINK_PREFERENCE.indexOf(a.kind) - LINK_PREFERENCE.indexOf(b.kind))[0];
    calendar.createEvent({
      // Slugs are the events' natural keys, so a subscriber's calendar updates an entry in place.
      id: `event-${event.slug}@eventgraph`,
      start: event.startsAt,
      end: event.endsAt ?? undefined,
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      summary: event.title,
      location: location(event),
      description: description(event),
      categories: [event.series, event.format].filter((c): c is string => !!c).map((c) => ({ name: c })),
      url: link?.url,
    });
  }
  return finishCalendar(calendar.toString());
}

/**
 * An empty calendar to publish, refreshed hourly by subscribers. Its name goes out unescaped by
 * ical-generator (X-WR-CALNAME), so line breaks and other controls in a stored title become
 * spaces rather than lines of their own.
 */
export function publishedCalendar(name: string, product: string) {
  return ical({
    name: name.replace(/[\u0000-\u001f\u007f]+/g, ' '),
    prodId: { company: 'eventgraph', product, language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
}

/** RFC 5545 ends every content line with CRLF, END:VCALENDAR included; ical-generator leaves the last one off. */
export function finishCalendar(text: string): string {
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

function location(event: FeedEvent): string | undefined {
  const place = [event.venue, event.city].filter(Boolean).join(', ');
  if (event.format === 'ONLINE') return place || 'Online';
  return place || undefined;
}

function description(event: FeedEvent): string {
  const lines: string[] = [];
  if (event.description) lines.push(event.description, '');
  for (const talk of event.talks) {
    const detail = [talk.speakers, talk.projects && `[${talk.projects}]`].filter(Boolean).join(' ');
    lines.push(`• ${talk.title}${detail ? ` — ${detail}` : ''}`);
  }
  for (const link of event.links) lines.push(`${link.title ?? link.kind}: ${link.url}`);
  return lines.join('\n');
}
