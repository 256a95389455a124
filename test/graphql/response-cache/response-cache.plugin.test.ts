import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../src/graphql/role.enum';
import { keyHeaders } from '../../helpers/api-keys';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
let eventId: string;

const EVENTS = `query Events($first: Int, $after: String) { events(first: $first, after: $after) { nodes { id title } } }`;
const EVENT_UPDATE = `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { title } userErrors { message } } }`;

/** The first event's title as an anonymous client reads it, and whether the cache answered. */
async function firstTitle(): Promise<{ title: string; cache: string | null }> {
  const { headers, body } = await server.post(EVENTS, { first: 1 });
  return { title: body.data.events.nodes[0].title, cache: headers.get('x-response-cache') };
}

/** Reads the first event's title until the cache holds it (a MISS, then a HIT). */
async function warm(): Promise<string> {
  await firstTitle();
  const { title, cache } = await firstTitle();
  expect(cache).toBe('HIT');
  return title;
}

beforeAll(async () => {
  server = await startTestServer({ env: { RESPONSE_CACHE_MB: '32' } });
  editor = await keyHeaders(server, Role.EDITOR);
  eventId = (await server.data(EVENTS, { first: 1 })).events.nodes[0].id;
});
afterAll(() => server?.close());

describe('the response cache (RESPONSE_CACHE_MB=32)', () => {
  it('answers a repeated query from memory: the same body, no SQL', async () => {
    const first = await server.post(EVENTS, { first: 2 });
    const second = await server.post(EVENTS, { first: 2 });
    expect(first.headers.get('x-response-cache')).toBe('MISS');
    expect(second.headers.get('x-response-cache')).toBe('HIT');
    expect(second.body.data).toEqual(first.body.data);
    // Served results are emptied once written (stringify-result.ts); a stored one never is.
    expect((await server.post(EVENTS, { first: 2 })).body.data).toEqual(first.body.data);
    expect(first.body.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(second.body.extensions?.sqlStatements).toBe(0);
  });

  it('keys on the variables, whatever their order', async () => {
    expect((await server.post(EVENTS, { first: 3, after: null })).headers.get('x-response-cache')).toBe('MISS');
    expect((await server.post(EVENTS, { after: null, first: 3 })).headers.get('x-response-cache')).toBe('HIT');
    expect((await server.post(EVENTS, { first: 4, after: null })).headers.get('x-response-cache')).toBe('MISS');
  });

  it("shows a mutation's change on the next read of the same instance, at once", async () => {
    const before = await warm();
    const payload = await server.gql(EVENT_UPDATE, { id: eventId, input: { title: `${before} (mutated)` } }, editor);
    expect(payload.data.eventUpdate.userErrors).toEqual([]);
    expect(await firstTitle()).toEqual({ title: `${before} (mutated)`, cache: 'MISS' });
  });

  it('shows a write made outside the API once its notification arrives', async () => {
    const before = await warm();
    const title = `${before} (by hand)`;
    if (server.databaseUrl) {
      const other = new Client({ connectionString: server.databaseUrl });
      await other.connect();
      await other.query(`UPDATE event SET title = $1 WHERE title = $2`, [title, before]);
      await other.end();
    } else {
      await server.db.query(`UPDATE event SET title = $1 WHERE title = $2`, [title, before]);
    }
    await expect.poll(async () => (await firstTitle()).title, { timeout: 5000, interval: 20 }).toBe(title);
    expect((await firstTitle()).cache).toBe('HIT');
  });

  it('neither answers nor stores requests with an API key', async () => {
    await warm();
    const first = await server.post(EVENTS, { first: 1 }, editor);
    const second = await server.post(EVENTS, { first: 1 }, editor);
    expect([first.headers.get('x-response-cache'), second.headers.get('x-response-cache')]).toEqual(['MISS', 'MISS']);
    expect(second.body.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(second.body.data).toEqual(first.body.data);
  });

  it('does not store a response with errors', async () => {
    for (let i = 0; i < 2; i++) {
      const { headers, body } = await server.post(`{ node(id: "not-an-id") { id } }`);
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(headers.get('x-response-cache')).toBe('MISS');
    }
  });

  it('still refuses an operation over the cost limit, every time', async () => {
    const costly = `{ talks(first: 100) { nodes { speakers { talks(first: 100) { nodes { title } } } } } }`;
    for (let i = 0; i < 2; i++) expect((await server.gql(costly)).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('the response cache bounds what it keeps, keys included (RESPONSE_CACHE_MB=1)', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ env: { RESPONSE_CACHE_MB: '1' } });
  });
  afterAll(() => small?.close());

  const PROJECT = `query Project($slug: String!) { project(slug: $slug) { name } }`;
  const LARGE = 20_000;

  it('counts the variables a key holds: many distinct large-variable queries stay within the megabyte', async () => {
    for (let i = 0; i < 80; i++) {
      const { body, headers } = await small.post(PROJECT, { slug: `${i}-${'x'.repeat(LARGE)}` });
      expect(body).toMatchObject({ data: { project: null } });
      expect(body.errors).toBeUndefined();
      expect(headers.get('x-response-cache')).toBe('MISS');
    }
    const cache = small.responseCache!;
    expect(cache.bytes).toBeLessThanOrEqual(2 ** 20);
    // Each entry's key alone holds LARGE bytes of variables: no more of them than fit in the budget.
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size * LARGE).toBeLessThanOrEqual(2 ** 20);
    // The latest ones are kept and served.
    expect((await small.post(PROJECT, { slug: `79-${'x'.repeat(LARGE)}` })).headers.get('x-response-cache')).toBe('HIT');
  });

  it('leaves variables the operation does not declare out of the key: they make no new entry', async () => {
    const sizeBefore = small.responseCache!.size;
    const first = await small.post(EVENTS, { first: 1, junk: `a${'x'.repeat(LARGE)}` });
    const second = await small.post(EVENTS, { first: 1, junk: `b${'x'.repeat(LARGE)}`, more: [1, 2, 3] });
    expect(first.headers.get('x-response-cache')).toBe('MISS');
    expect(second.headers.get('x-response-cache')).toBe('HIT');
    expect(second.body).toEqual(
      first.body.extensions ? { ...first.body, extensions: { ...first.body.extensions, sqlStatements: 0 } } : first.body,
    );
    expect(small.responseCache!.size).toBe(sizeBefore + 1);
    expect((await small.post(EVENTS, { first: 1 })).headers.get('x-response-cache')).toBe('HIT');
  });
});

describe('RESPONSE_CACHE_MB=0', () => {
  let uncached: TestServer;
  beforeAll(async () => {
    uncached = await startTestServer({ env: { RESPONSE_CACHE_MB: '0' } });
  });
  afterAll(() => uncached?.close());

  it('runs every query, and says nothing of a cache', async () => {
    await uncached.post(EVENTS, { first: 1 });
    const { headers, body } = await uncached.post(EVENTS, { first: 1 });
    expect(headers.get('x-response-cache')).toBeNull();
    expect(body.extensions?.sqlStatements).toBeGreaterThan(0);
  });
});
