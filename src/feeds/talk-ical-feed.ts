import type { ScheduleTalk } from '../exports/schedule-talk';
import { stableUuid } from '../exports/stable-uuid';
import { finishCalendar, publishedCalendar } from './ical-feed';

/**
 * An iCalendar (RFC 5545) document with one entry per talk: its time slot, its room and venue
 * as LOCATION, its track as a category, and its speakers as the first line of DESCRIPTION
 * (`Speakers: A, B`, the line calendar readers, eventgraph's own among them, take speakers
 * from; ATTENDEE would need an e-mail address, which the graph does not hold).
 */
export function talkIcalFeed(name: string, talks: readonly ScheduleTalk[]): string {
  const calendar = publishedCalendar(name, 'talk feed');
  for (const talk of talks) {
    const lines: string[] = [];
    if (talk.speakers.length) lines.push(`Speakers: ${talk.speakers.map((s) => s.name).join(', ')}`);
    lines.push(`Event: ${talk.event.title}`);
    if (talk.abstract) lines.push('', talk.abstract);
    for (const url of [talk.slidesUrl && `Slides: ${talk.slidesUrl}`, talk.videoUrl && `Video: ${talk.videoUrl}`]) if (url) lines.push(url);
    calendar.createEvent({
      // The talk's guid (its source's, else one derived from its global ID) keeps an entry in place across polls.
      id: `talk-${talk.guid ?? stableUuid(talk.globalId)}@eventgraph`,
      start: talk.startsAt,
      end: talk.endsAt ?? undefined,
      stamp: talk.updatedAt,
      lastModified: talk.updatedAt,
      summary: talk.title,
      location: [talk.room, talk.event.venue, talk.event.city].filter(Boolean).join(', ') || undefined,
      description: lines.join('\n'),
      categories: talk.track ? [{ name: talk.track }] : [],
    });
  }
  return finishCalendar(calendar.toString());
}
