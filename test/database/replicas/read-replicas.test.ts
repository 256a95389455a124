import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/auth/api-keys';
import { Role } from '../../../src/graphql/role.enum';
import { loadConfig } from '../../../src/config';
import { Database, type ReplicaTargets } from '../../../src/database/database';
import { anniversaryFacts, seed } from '../../../src/dataset/seed';
import { type App, createApp } from '../../../src/http/app';
import { hasPostgresBinaries, type OwnPostgres, startOwnPostgres, startOwnReplica } from '../../helpers/own-postgres';

// A primary and a streaming replica of the test's own (initdb, pg_basebackup -R), both logging
// every statement with its parameters, so that a marker sent as a parameter shows which server
// answered. Where reads go is also shown by data: with the replica's replay paused, a read that
// answers what only the primary holds came from the primary.
const binaries = hasPostgresBinaries();
if (!binaries)
  console.warn('read-replicas.test.ts skipped: no PostgreSQL server binaries under /usr/lib/postgresql (initdb, pg_basebackup, pg_ctl)');

const LOG_ALL = ['log_statement=all'];
const MAX_LAG_MS = 1500;
const RETRY_MS = 300;

let primary: OwnPostgres;
let replica: OwnPostgres;
let db: Database;
let app: App;
let base: string;
let token: string;
let slug: string;
let eventId: string;
let primarySql: Client;
let replicaSql: Client;
const logged: string[] = [];

const replicas = (maxLagMs: number): ReplicaTargets => ({
  urls: [replica.url],
  maxLagMs,
  checkMs: 20,
  retryMs: RETRY_MS,
  log: (message) => logged.push(message),
});

async function startApp(database: Database, env: Record<string, string> = {}): Promise<{ app: App; base: string }> {
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      RESPONSE_CACHE_MB: '0',
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_PER_ADDRESS: '1000000',
      RATE_LIMIT_PER_KEY: '1000000',
      ...env,
    }),
    port: 0,
  };
  const started = await createApp(config, database, () => {});
  await new Promise<void>((resolve) => started.server.listen(0, '127.0.0.1', resolve));
  return { app: started, base: `http://127.0.0.1:${(started.server.address() as AddressInfo).port}` };
}

/** A GraphQL request from client address `from` (behind the one trusted proxy), with the editor's key when `key`. */
async function gql(at: string, query: string, variables: Record<string, unknown>, from: string, key = false) {
  const response = await fetch(`${at}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(key && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return { headers: response.headers, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

const CITY = 'query City($slug: String!) { event(slug: $slug) { city } }';
const SET_CITY =
  'mutation SetCity($id: ID!, $city: String!) { eventUpdate(id: $id, input: { city: $city }) { event { city } userErrors { message } } }';
const MARKED = 'query Marked($q: String!) { talks(first: 1, filter: { query: $q }) { totalCount } }';

async function cityAs(from: string, key = false, at = base): Promise<string> {
  const { body } = await gql(at, CITY, { slug }, from, key);
  expect(body.errors).toBeUndefined();
  return body.data.event.city;
}

async function setCity(city: string, from: string, at = base): Promise<void> {
  const { body } = await gql(at, SET_CITY, { id: eventId, city }, from, true);
  expect(body.errors).toBeUndefined();
  expect(body.data.eventUpdate.userErrors).toEqual([]);
}

async function until(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

const cityOn = async (client: Client) =>
  (await client.query<{ city: string }>('SELECT city FROM event WHERE slug = $1', [slug])).rows[0].city;
const caughtUp = () => until(async () => (await cityOn(replicaSql)) === (await cityOn(primarySql)), 10_000, 'the replica catches up');

async function pauseReplay(): Promise<void> {
  await replicaSql.query('SELECT pg_wal_replay_pause()');
  await until(
    async () => (await replicaSql.query(`SELECT pg_get_wal_replay_pause_state() AS state`)).rows[0].state === 'paused',
    5000,
    'replay pauses',
  );
}

async function resumeReplay(): Promise<void> {
  await replicaSql.query('SELECT pg_wal_replay_resume()');
  await caughtUp();
}

/** Sends a query carrying a fresh marker from `from`; which servers' logs hold the marker. */
async function answeredBy(from: string): Promise<{ replica: boolean; primary: boolean }> {
  const marker = `marker${Date.now()}${Math.random().toString(36).slice(2)}`;
  const { body } = await gql(base, MARKED, { q: marker }, from);
  expect(body.errors).toBeUndefined();
  // The server writes its log as it goes; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { replica: replica.log().includes(marker), primary: primary.log().includes(marker) };
}

describe.skipIf(!binaries)('read replicas (DATABASE_READ_URL) on a real streaming replica', () => {
  beforeAll(async () => {
    primary = await startOwnPostgres(LOG_ALL);
    const setup = await Database.connect({ kind: 'postgres', url: primary.url, poolSize: 2 });
    await setup.migrate();
    await seed(setup, { 'sofa-6th-anniversary': anniversaryFacts });
    token = (await createApiKey(setup.query, 'replica-test', Role.EDITOR)).token;
    const [event] = await setup.query<{ id: number; slug: string }>('SELECT id, slug FROM event ORDER BY id LIMIT 1');
    await setup.close();
    slug = event.slug;
    replica = await startOwnReplica(primary, LOG_ALL);
    db = await Database.connect({ kind: 'postgres', url: primary.url, poolSize: 5, replicas: replicas(MAX_LAG_MS) });
    ({ app, base } = await startApp(db));
    const { body } = await gql(base, 'query($slug: String!) { event(slug: $slug) { id } }', { slug }, '10.0.0.9');
    eventId = body.data.event.id;
    primarySql = new Client({ connectionString: primary.url });
    replicaSql = new Client({ connectionString: replica.url });
    await primarySql.connect();
    await replicaSql.connect();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await db?.close().catch(() => {});
    await primarySql?.end().catch(() => {});
    await replicaSql?.end().catch(() => {});
    await replica?.destroy();
    await primary?.destroy();
  });

  it('answers query operations from the replica, not the primary', async () => {
    expect(await answeredBy('10.0.0.1')).toEqual({ replica: true, primary: false });
  });

  it('answers a caller its own write on the very next read, 30 times in a row, in GraphQL and in its feeds', async () => {
    for (let i = 0; i < 30; i++) {
      const city = `written-${i}`;
      await setCity(city, '10.0.0.2');
      expect(await cityAs('10.0.0.2', true)).toBe(city);
      // The same address without the key (a calendar app beside the editor's tool) reads it too.
      const feed = await (await fetch(`${base}/events.ics`, { headers: { 'x-forwarded-for': '10.0.0.2' } })).text();
      expect(feed).toContain(city);
    }
  });

  it('while the replica has not replayed a write, sends the writer to the primary and another caller to the replica', async () => {
    await caughtUp();
    await pauseReplay();
    try {
      await setCity('paused-write', '10.0.0.3');
      // The writer sees its write although the replica does not hold it yet...
      expect(await cityOn(replicaSql)).not.toBe('paused-write');
      expect(await cityAs('10.0.0.3', true)).toBe('paused-write');
      expect(await cityAs('10.0.0.3')).toBe('paused-write');
      // ...while a caller who wrote nothing is answered by the replica, as it stands.
      expect(await cityAs('10.0.0.4')).toBe(await cityOn(replicaSql));
    } finally {
      await resumeReplay();
    }
    // Once replayed, the writer is answered by the replica again.
    await until(async () => (await answeredBy('10.0.0.3')).replica, 5000, "the writer's reads return to the replica");
  });

  it('skips a replica lagging more than REPLICA_MAX_LAG_MS: every caller is answered from the primary', async () => {
    await setCity('before-the-lag', '10.0.0.9');
    await caughtUp();
    await pauseReplay();
    try {
      // Written behind the service's back (no caller of its own wrote it), then left to age.
      await primarySql.query('UPDATE event SET city = $1 WHERE slug = $2', ['behind-the-lag', slug]);
      await new Promise((resolve) => setTimeout(resolve, MAX_LAG_MS + 300));
      expect(await cityOn(replicaSql)).toBe('before-the-lag');
      expect(await cityAs('10.0.0.5')).toBe('behind-the-lag');
      expect(await answeredBy('10.0.0.5')).toEqual({ replica: false, primary: true });
    } finally {
      await resumeReplay();
    }
    await until(async () => (await answeredBy('10.0.0.5')).replica, 5000, 'reads return to the replica once it caught up');
  });

  it('answers every read from the primary, without an error, once the replica stops; logs that once; uses it again when it is back', async () => {
    await setCity('before-the-stop', '10.0.0.9');
    await caughtUp();
    expect((await answeredBy('10.0.0.6')).replica).toBe(true);
    const failedBefore = logged.filter((line) => line.includes('failed')).length;
    await replicaSql.end();
    await replica.stop('immediate');
    try {
      // The first of these meets the replica's dead connections mid-request and is sent to the primary.
      for (let i = 0; i < 20; i++) expect(await cityAs(`10.0.1.${i}`)).toBe('before-the-stop');
      expect(logged.filter((line) => line.includes('failed')).length).toBe(failedBefore + 1);
    } finally {
      await replica.start();
      replicaSql = new Client({ connectionString: replica.url });
      await replicaSql.connect();
    }
    await until(async () => (await answeredBy('10.0.0.6')).replica, 10_000, 'reads return to the restarted replica');
    expect(logged.some((line) => line.includes('answers again'))).toBe(true);
  });

  describe('the response cache', () => {
    let cached: { app: App; base: string };
    let cachedDb: Database;

    beforeAll(async () => {
      // Lag allowed generously, so that the paused replica keeps answering anonymous reads.
      cachedDb = await Database.connect({ kind: 'postgres', url: primary.url, poolSize: 3, replicas: replicas(60_000) });
      cached = await startApp(cachedDb, { RESPONSE_CACHE_MB: '8' });
    });

    afterAll(async () => {
      await cached?.app.stop();
      await cachedDb?.close();
    });

    it('never stores an answer read from a replica that had not replayed the write that invalidated the cache', async () => {
      const read = async () => {
        const { headers, body } = await gql(cached.base, CITY, { slug }, '10.0.2.1');
        return { hit: headers.get('x-response-cache') === 'HIT', city: body.data.event.city as string };
      };
      await setCity('cached-before', '10.0.0.9', cached.base);
      await caughtUp();
      await until(async () => (await read()).hit, 5000, 'the answer is cached');
      await pauseReplay();
      try {
        // The write invalidates the cache at once; the anonymous reader is answered by the paused replica...
        await setCity('cached-after', '10.0.2.2', cached.base);
        for (let i = 0; i < 10; i++) {
          const answer = await read();
          expect(answer).toEqual({ hit: false, city: 'cached-before' });
        }
      } finally {
        await resumeReplay();
      }
      // ...and once the replica has the write, what is cached is the new answer, never the old one.
      await until(async () => (await read()).hit, 5000, 'the new answer is cached');
      for (let i = 0; i < 5; i++) expect(await read()).toEqual({ hit: true, city: 'cached-after' });
    });
  });
});
