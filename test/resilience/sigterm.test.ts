import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/role.enum';
import { Database } from '../../src/database/database';
import { seed } from '../../src/database/seed';
import { toGlobalId } from '../../src/graphql/global-id';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';

const root = path.resolve(__dirname, '../..');
let postgres: OwnPostgres;
let child: ChildProcess;
let base: string;
let token: string;
let eventDbId: number;
let output = '';

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
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: postgres.url, PORT: String(port), SEED_ON_START: 'false', DATABASE_POOL_SIZE: '12' },
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  while (!output.includes('eventgraph ready')) {
    if (Date.now() - started > 20_000) throw new Error(`The server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
        body: JSON.stringify({ query: `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { venue } userErrors { code } } }`, variables: { id: toGlobalId('Event', eventDbId), input: { venue: `Room ${i}` } } }),
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
    const late = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }).then(
      (response) => `status ${response.status}`,
      () => 'refused',
    );
    expect(['refused', 'status 503']).toContain(late);

    await locker.query('COMMIT');
    await locker.end();
    const answers = await Promise.all(inFlight);
    for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: { data: { eventUpdate: { userErrors: [] } } } });
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: finishing requests in flight/);
  }, 60_000);
});
