import 'reflect-metadata';
import { type ChildProcess, execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/graphql/role.enum';
import { Database } from '../../src/database/database';
import { seed } from '../../src/dataset/seed';
import { toGlobalId } from '../../src/graphql/global-id';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';
import { type ServerProcess, startServerProcess } from '../helpers/server-process';

const root = path.resolve(__dirname, '../..');
let postgres: OwnPostgres;
let child: ChildProcess;
let base: string;
let token: string;
let eventDbId: number;
let server: ServerProcess;

beforeAll(async () => {
  // The real process, as deployed: built once, then started with `node dist/src/main.js`.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  postgres = await startOwnPostgres();
  const db = await Database.connect({ kind: 'postgres', url: postgres.url, poolSize: 2 });
  await db.migrate();
  await seed(db);
  token = (await createApiKey(db.query, 'sigterm-test', Role.EDITOR)).token;
  eventDbId = (await db.query<{ id: number }>(`SELECT id FROM event ORDER BY id LIMIT 1`))[0].id;
  await db.close();
  server = await startServerProcess({
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url,
    SEED_ON_START: 'false',
    DATABASE_POOL_SIZE: '12',
  });
  base = server.url;
  child = server.child;
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await postgres?.destroy();
});

describe('SIGTERM under load', () => {
  it('lets requests in flight finish, refuses new ones, and exits with 0', async () => {
    const locker = new Client({ connectionString: postgres.url });
    await locker.connect();
    // Hold the event's row, so every update of it stays in flight until we let go.
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM event WHERE id = $1 FOR UPDATE', [eventDbId]);
    const inFlight = Array.from({ length: 8 }, (_, i) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { venue } userErrors { code } } }`,
          variables: { id: toGlobalId('Event', eventDbId), input: { venue: `Room ${i}` } },
        }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any })),
    );
    // Inside a transaction pg_stat_activity is a snapshot taken once; clear it to see the present.
    const waiting = async () => {
      await locker.query('SELECT pg_stat_clear_snapshot()');
      return (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows[0].n;
    };
    for (let tries = 0; (await waiting()) < 8 && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await waiting()).toBe(8);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    }).then(
      (response) => `status ${response.status}`,
      () => 'refused',
    );
    expect(['refused', 'status 503']).toContain(late);

    await locker.query('COMMIT');
    await locker.end();
    const answers = await Promise.all(inFlight);
    for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: { data: { eventUpdate: { userErrors: [] } } } });
    expect(await exited).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: finishing requests in flight/);
  }, 60_000);
});
