import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { keyHeaders } from '../helpers/api-keys';
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
    const hangzhou = parse((await fetchFeed('/events.ics')).body).events.find(
      (e) => e.event.uid === 'event-meetup-hangzhou-2023@eventgraph',
    )!.event;
    expect(hangzhou.startDate.toJSDate().toISOString()).toBe('2023-03-10T06:00:00.000Z');
    expect(hangzhou.endDate.toJSDate().toISOString()).toBe('2023-03-10T09:30:00.000Z');
    expect(hangzhou.startDate.zone.tzid).toBe('UTC');
    expect(hangzhou.location).toBe('西溪园区, 杭州');
    expect(hangzhou.description).toBe('• Alpha intro — Ann [Alpha]\n• Alpha and Beta — Bob, Ann [Alpha, Beta]');
  });
});

describe('GET /projects/<slug>/events.ics', () => {
  it('holds the dated events with a talk about the project, found by any of its names', async () => {
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

describe('the feeds under load', () => {
  let limited: TestServer;
  let cached: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RATE_LIMIT_PER_ADDRESS: '3' } });
    cached = await startTestServer({ env: { RESPONSE_CACHE_MB: '32' } });
  });
  afterAll(async () => {
    await limited?.close();
    await cached?.close();
  });

  it('count against the address as /graphql does: 429 RATE_LIMITED past the limit, for the feeds and the API alike', async () => {
    const statuses = [];
    for (const path of ['/events.ics', '/projects/seata/events.ics', '/projects/nobody/events.ics'])
      statuses.push((await fetch(`${limited.url}${path}`)).status);
    expect(statuses).toEqual([200, 200, 404]);
    const refused = await fetch(`${limited.url}/events.ics`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit')).toMatch(/^"address"; r=0; /);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'Too many requests from this address; wait for the time in the Retry-After header.',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    expect((await limited.post('{ __typename }')).status).toBe(429);
  });

  it('are answered from the response cache until the data changes, by a mutation or by any other writer', async () => {
    const feed = async (path = '/events.ics') => {
      const response = await fetch(`${cached.url}${path}`);
      return { cache: response.headers.get('x-response-cache'), body: await response.text() };
    };
    const first = await feed();
    expect(first.cache).toBe('MISS');
    expect(await feed()).toEqual({ cache: 'HIT', body: first.body });
    expect((await feed('/projects/fescar/events.ics')).cache).toBe('MISS');
    expect((await feed('/projects/fescar/events.ics')).cache).toBe('HIT');

    const { id, title } = (await cached.data(`{ events(first: 1) { nodes { id title } } }`)).events.nodes[0];
    const payload = await cached.gql(
      `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { userErrors { message } } }`,
      { id, input: { title: `${title} (renamed)` } },
      await keyHeaders(cached, Role.EDITOR),
    );
    expect(payload.data.eventUpdate.userErrors).toEqual([]);
    const renamed = await feed();
    expect(renamed.cache).toBe('MISS');
    expect(renamed.body).toContain(`SUMMARY:${title} (renamed)`);
    expect((await feed()).cache).toBe('HIT');

    // A writer outside this process is heard through the change notification.
    const byHand = `${title} (by hand)`;
    if (cached.databaseUrl) {
      const other = new Client({ connectionString: cached.databaseUrl });
      await other.connect();
      await other.query(`UPDATE event SET title = $1 WHERE title = $2`, [byHand, `${title} (renamed)`]);
      await other.end();
    } else {
      await cached.db.query(`UPDATE event SET title = $1 WHERE title = $2`, [byHand, `${title} (renamed)`]);
    }
    await expect.poll(async () => (await feed()).body, { timeout: 5000, interval: 20 }).toContain(`SUMMARY:${byHand}`);
  });
});
