import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../src/graphql/role.enum';
import { Database } from '../../../src/database/database';
import { keyHeaders } from '../../helpers/api-keys';
import { type FreezingProxy, startFreezingProxy } from '../../helpers/freezing-proxy';
import { startTestApp, startTestServer, type TestServer } from '../../helpers/test-server';

const EVENTS = `query Events($first: Int) { events(first: $first) { nodes { id title } } }`;
const CACHE_ON = { RESPONSE_CACHE_MB: '32' };

/** The first event's title as an anonymous client of `server` reads it, and whether the cache answered. */
async function firstTitle(server: TestServer): Promise<{ title: string; cache: string | null }> {
  const { headers, body } = await server.post(EVENTS, { first: 1 });
  return { title: body.data.events.nodes[0].title, cache: headers.get('x-response-cache') };
}

// Two instances on one database, and a listening connection that can be lost, need PostgreSQL.
describe.skipIf(!process.env.TEST_DATABASE_URL)('response cache invalidation across connections (PostgreSQL)', () => {
  let a: TestServer;
  let b: TestServer;
  let bDatabase: Database;
  let admin: Client;

  beforeAll(async () => {
    a = await startTestServer({ env: CACHE_ON });
    bDatabase = await Database.connect({ kind: 'postgres', url: a.databaseUrl!, poolSize: 2 });
    b = await startTestApp(bDatabase, 'postgres', a.databaseUrl, CACHE_ON);
    admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await b?.close();
    await bDatabase?.close();
    await a?.close();
  });

  it('shows a write through instance A on instance B, once the notification arrives', async () => {
    await firstTitle(b);
    const { title: before, cache } = await firstTitle(b);
    expect(cache).toBe('HIT');
    const { id } = (await a.data(EVENTS, { first: 1 })).events.nodes[0];
    const payload = await a.gql(
      `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { userErrors { message } } }`,
      { id, input: { title: `${before} (via A)` } },
      await keyHeaders(a, Role.EDITOR),
    );
    expect(payload.data.eventUpdate.userErrors).toEqual([]);
    await expect.poll(async () => (await firstTitle(b)).title, { timeout: 5000, interval: 20 }).toBe(`${before} (via A)`);
  });

  it('answers uncached while its listening connection is lost, and caches again once it is back', async () => {
    const database = new URL(a.databaseUrl!).pathname.slice(1);
    await firstTitle(a);
    expect((await firstTitle(a)).cache).toBe('HIT');
    const other = new Client({ connectionString: a.databaseUrl! });
    await other.connect();
    // Keep the listener from reconnecting for a while; the pools' open connections go on working.
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    try {
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'eventgraph-changes'`,
        [database],
      );
      expect(killed.rowCount).toBe(2);
      // Once the loss is noticed, nothing is served or stored: the same query misses again and again.
      await expect.poll(async () => (await firstTitle(a)).cache, { timeout: 5000, interval: 20 }).toBe('MISS');
      expect((await firstTitle(a)).cache).toBe('MISS');
      // A write while nobody listens is seen all the same.
      const before = (await firstTitle(a)).title;
      await other.query(`UPDATE event SET title = $1 WHERE title = $2`, [`${before} (unheard)`, before]);
      expect(await firstTitle(a)).toEqual({ title: `${before} (unheard)`, cache: 'MISS' });
    } finally {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await other.end();
    }
    // The listener reconnects with backoff; then answers are stored and served again.
    await expect.poll(async () => (await firstTitle(a)).cache, { timeout: 15_000, interval: 50 }).toBe('HIT');
    await expect
      .poll(
        async () =>
          (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND application_name = 'eventgraph-changes'`, [database]))
            .rowCount,
        { timeout: 15_000 },
      )
      .toBe(2);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the change listener heartbeat (PostgreSQL, CHANGE_LISTENER_HEARTBEAT_MS=300)', () => {
  let direct: TestServer;
  let proxy: FreezingProxy;
  let proxied: Database;
  let server: TestServer;
  let writer: Client;

  beforeAll(async () => {
    // The fresh database, seeded; the server under test reaches it through the proxy.
    direct = await startTestServer();
    proxy = await startFreezingProxy(direct.databaseUrl!);
    proxied = await Database.connect({ kind: 'postgres', url: proxy.url, poolSize: 2 });
    server = await startTestApp(proxied, 'postgres', proxy.url, { ...CACHE_ON, CHANGE_LISTENER_HEARTBEAT_MS: '300' });
    writer = new Client({ connectionString: direct.databaseUrl! });
    await writer.connect();
  });
  afterAll(async () => {
    proxy?.thaw();
    await writer?.end();
    await server?.close();
    await proxied?.close();
    await proxy?.close();
    await direct?.close();
  });

  it('stops serving from the cache within a bounded time of a half-open listening connection, and serves fresh answers after', async () => {
    await firstTitle(server);
    const { title: before, cache } = await firstTitle(server);
    expect(cache).toBe('HIT');

    proxy.freeze();
    const frozenAt = Date.now();
    // A write the frozen listener cannot hear.
    await writer.query(`UPDATE event SET title = $1 WHERE title = $2`, [`${before} (unheard)`, before]);
    await expect.poll(async () => (await firstTitle(server)).title, { timeout: 5000, interval: 20 }).toBe(`${before} (unheard)`);
    // One heartbeat period to ask, one to wait for the answer; the rest is margin for a busy machine.
    expect(Date.now() - frozenAt).toBeLessThan(3000);
    // While the listener is lost nothing is stored: every answer is computed afresh.
    expect(await firstTitle(server)).toEqual({ title: `${before} (unheard)`, cache: 'MISS' });
    expect(await firstTitle(server)).toEqual({ title: `${before} (unheard)`, cache: 'MISS' });

    proxy.thaw();
    // The listener reconnects; answers are stored and served again, and changes heard again.
    await expect.poll(async () => (await firstTitle(server)).cache, { timeout: 15_000, interval: 50 }).toBe('HIT');
    await writer.query(`UPDATE event SET title = $1 WHERE title = $2`, [`${before} (heard)`, `${before} (unheard)`]);
    await expect.poll(async () => (await firstTitle(server)).title, { timeout: 5000, interval: 20 }).toBe(`${before} (heard)`);
  });
});
