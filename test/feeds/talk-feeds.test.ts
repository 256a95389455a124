import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIcalendar } from '../../src/ingest/sources/icalendar/read-icalendar';
import { writeFacts } from '../../src/ingest/write-facts';
import { writeAnalyticsFacts } from '../fixtures/analytics-facts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let ICAL: typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
beforeAll(async () => {
  ICAL = (await import('ical.js')).default;
  server = await startTestServer({ env: { RESPONSE_CACHE_MB: '32', RATE_LIMIT_PER_ADDRESS: '40' } });
  await writeAnalyticsFacts(server.db);
  await server.db.transaction((_m, sql) =>
    writeFacts(sql, {
      events: [
        {
          slug: 'hostile-feed',
          title: 'Feed; with, commas\\ and\nlines',
          community: 'testfolk',
          startsAt: '2024-06-01T10:00:00+02:00',
          timeZone: 'Europe/Berlin',
          talks: [
            {
              title: 'Talk;\nBEGIN:VEVENT\nSUMMARY:injected',
              startsAt: '2024-06-01T10:00:00+02:00',
              endsAt: '2024-06-01T11:00:00+02:00',
              room: 'R;1',
              speakers: [{ name: 'Ann' }, { name: 'Zoë, Jr' }],
            },
          ],
          speakers: [{ name: 'Ann' }, { name: 'Zoë, Jr' }],
        },
      ],
    }),
  );
});
afterAll(() => server?.close());

const fetchFeed = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cache: response.headers.get('x-response-cache'),
    body: await response.text(),
  };
};
const entries = (body: string) =>
  new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      location: e.location,
      start: e.startDate.toJSDate().toISOString(),
    };
  });

describe('talk feeds: /projects/<name>/talks.ics, /speakers/<name>/talks.ics, /events/<slug>/talks.ics', () => {
  it("holds a speaker's dated talks, one entry each, with the speakers as the first line of DESCRIPTION", async () => {
    const { status, type, body } = await fetchFeed('/speakers/Ann/talks.ics');
    expect(status).toBe(200);
    expect(type).toBe('text/calendar; charset=utf-8');
    const talks = entries(body);
    expect(talks.map((t) => t.summary).sort()).toEqual([
      'Alpha and Beta',
      'Alpha intro',
      'Gamma news',
      'Talk;\nBEGIN:VEVENT\nSUMMARY:injected',
    ]);
    expect(talks.find((t) => t.summary === 'Alpha and Beta')!.description.split('\n')[0]).toBe('Speakers: Bob, Ann');
    expect(body.match(/^BEGIN:VEVENT/gm)).toHaveLength(4);
  });

  it('is read back by the iCalendar importer with every speaker', async () => {
    const read = readIcalendar((await fetchFeed('/events/meetup-hangzhou-2023/talks.ics')).body, {
      bytes: Buffer.alloc(0),
      community: 'x',
      timeZone: 'UTC',
      sourceUri: 'feed.ics',
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const talks = read.facts.events![0].talks!.map((t) => `${t.title} | ${t.speakers!.map((s) => s.name).join(', ')}`).sort();
    expect(talks).toEqual(['Alpha and Beta | Bob, Ann', 'Alpha intro | Ann']);
  });

  it('takes a project by any of its names and an event by slug; hostile text stays inside its property', async () => {
    const byAlias = entries((await fetchFeed('/projects/Alpha%20Old/talks.ics')).body).map((t) => t.summary);
    expect(byAlias.sort()).toEqual(['Alpha 2', 'Alpha and Beta', 'Alpha intro', 'New year gamma']);
    const [hostile] = entries((await fetchFeed('/events/hostile-feed/talks.ics')).body);
    expect(hostile).toMatchObject({ summary: 'Talk;\nBEGIN:VEVENT\nSUMMARY:injected', location: 'R;1', start: '2024-06-01T08:00:00.000Z' });
    expect(hostile.description.split('\n')[0]).toBe('Speakers: Ann, Zoë, Jr');
    const calendar = new ICAL.Component(ICAL.parse((await fetchFeed('/events/hostile-feed/talks.ics')).body));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('eventgraph: talks of Feed; with, commas\\ and lines');
  });

  it('keeps the same UID for a talk from one feed to the next', async () => {
    const uid = (path: string, title: string) => fetchFeed(path).then((f) => entries(f.body).find((t) => t.summary === title)!.uid);
    expect(await uid('/speakers/Ann/talks.ics', 'Alpha intro')).toBe(await uid('/projects/alpha/talks.ics', 'Alpha intro'));
  });

  it('is 404 with a message saying what to use for an unknown project, speaker or event, and for an over-long name', async () => {
    for (const [path, message] of [
      ['/projects/nothing/talks.ics', /No project is named "nothing"/],
      ['/speakers/Nobody%20At%20All/talks.ics', /No speaker has the ID, name or alias "Nobody At All"/],
      ['/events/no-such-event/talks.ics', /No event has the slug or ID "no-such-event"/],
      [`/speakers/${'x'.repeat(300)}/talks.ics`, /names are at most 200/],
    ] as const) {
      const { status, type, body } = await fetchFeed(path);
      expect(status, path).toBe(404);
      expect(type).toMatch(/^text\/plain/);
      expect(body).toMatch(message);
    }
  });

  it('is kept in the response cache', async () => {
    expect((await fetchFeed('/events/hostile-feed/talks.ics')).cache).toBe('HIT');
  });
});
