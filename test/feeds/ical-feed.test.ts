import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAnalyticsFacts } from '../fixtures/analytics-facts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let ICAL: typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
beforeAll(async () => {
  ICAL = (await import('ical.js')).default;
  server = await startTestServer();
  await writeAnalyticsFacts(server.db);
});
afterAll(() => server?.close());

const fetchFeed = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
};

/** Parses a feed with ical.js (a full RFC 5545 parser) and returns its events. */
const parse = (body: string) => {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => ({ component: v, event: new ICAL.Event(v) })) };
};

describe('GET /events.ics', () => {
  it('is a valid iCalendar document of every dated event, latest first', async () => {
    const { status, type, body } = await fetchFeed('/events.ics');
    expect(status).toBe(200);
    expect(type).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parse(body);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/eventgraph/);
    // The seed's event and the fixture's four dated ones; the undated event cannot be placed.
    expect(events.map((e) => e.event.uid)).toEqual([
      'event-new-year-2025@eventgraph',
      'event-meetup-shanghai-2024@eventgraph',
      'event-sofastack-6th-anniversary@eventgraph',
      'event-channel-2023-11@eventgraph',
      'event-meetup-hangzhou-2023@eventgraph',
    ]);
    for (const { component } of events) {
      for (const required of ['uid', 'dtstamp', 'dtstart', 'summary']) expect(component.hasProperty(required), required).toBe(true);
    }
  });

  it('follows RFC 5545 line rules: CRLF line ends, lines folded at 75 octets, Chinese text intact', async () => {
    const { body } = await fetchFeed('/events.ics');
    expect(body.endsWith('\r\n')).toBe(true);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = body.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const anniversary = parse(body).events.find((e) => e.event.uid === 'event-sofastack-6th-anniversary@eventgraph')!.event;
    expect(anniversary.summary).toBe('SOFA 六周年，Hello SOFA World');
    expect(anniversary.location).toBe('S 空间, 上海');
    expect(anniversary.description).toContain('Apache Seata(incubating) 新征程 — 王特 [Seata]');
  });

  it('gives start and end in UTC', async () => {
    const hangzhou = parse((await fetchFeed('/events.ics')).body).events.find((e) => e.event.uid === 'event-meetup-hangzhou-2023@eventgraph')!.event;
    expect(hangzhou.startDate.toJSDate().toISOString()).toBe('2023-03-10T06:00:00.000Z');
    expect(hangzhou.endDate.toJSDate().toISOString()).toBe('2023-03-10T09:30:00.000Z');
    expect(hangzhou.startDate.zone.tzid).toBe('UTC');
    expect(hangzhou.location).toBe('西溪园区, 杭州');
    expect(hangzhou.description).toBe('• Alpha intro — Ann [Alpha]\n• Alpha and Beta — Bob, Ann [Alpha, Beta]');
  });
});

describe('GET /projects/<slug>/events.ics', () => {
  it("holds the dated events with a talk about the project, found by any of its names", async () => {
    for (const name of ['alpha', 'Alpha%20Old']) {
      const { status, body } = await fetchFeed(`/projects/${name}/events.ics`);
      expect(status, name).toBe(200);
      const { calendar, events } = parse(body);
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('eventgraph: Alpha events');
      expect(events.map((e) => e.event.uid)).toEqual([
        'event-new-year-2025@eventgraph',
        'event-meetup-shanghai-2024@eventgraph',
        'event-meetup-hangzhou-2023@eventgraph',
      ]);
    }
  });

  it('names an online event\'s place "Online"', async () => {
    const { events } = parse((await fetchFeed('/projects/beta/events.ics')).body);
    expect(events.map((e) => [e.event.uid, e.event.location])).toContainEqual(['event-channel-2023-11@eventgraph', 'Online']);
  });

  it('is an empty calendar for a project no dated event covered', async () => {
    const { status, body } = await fetchFeed('/projects/delta/events.ics');
    expect(status).toBe(200);
    expect(parse(body).events).toEqual([]);
  });

  it('is 404 with a message saying what to use for an unknown project', async () => {
    const { status, type, body } = await fetchFeed('/projects/no-such-project/events.ics');
    expect(status).toBe(404);
    expect(type).toMatch(/^text\/plain/);
    expect(body).toBe('No project is named "no-such-project". Use a project slug, name or alias, e.g. /projects/seata/events.ics.\n');
  });
});
