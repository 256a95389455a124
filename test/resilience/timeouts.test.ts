import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/graphql/role.enum';
import { loadConfig } from '../../src/config';
import { Database } from '../../src/database/database';
import { seed } from '../../src/dataset/seed';
import { toGlobalId } from '../../src/graphql/global-id';
import { type App, createApp } from '../../src/http/app';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';

let postgres: OwnPostgres;
const databases: Database[] = [];
const apps: App[] = [];
let token: string;
let eventDbId: number;
let locker: Client;

/** An instance with its own pool (own statement timeout) and its own request deadline. */
async function instance(statementTimeoutMs: number, requestTimeoutMs: number): Promise<string> {
  const db = await Database.connect({ kind: 'postgres', url: postgres.url, poolSize: 4, statementTimeoutMs });
  databases.push(db);
  const app = await createApp(
    { ...loadConfig({ NODE_ENV: 'production', REQUEST_TIMEOUT_MS: String(requestTimeoutMs) }), port: 0 },
    db,
    () => {},
  );
  apps.push(app);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}

const update = (url: string, venue: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { venue } userErrors { code } } }`,
      variables: { id: toGlobalId('Event', eventDbId), input: { venue } },
    }),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

const venue = async () => (await locker.query('SELECT venue FROM event WHERE id = $1', [eventDbId])).rows[0].venue;

beforeAll(async () => {
  postgres = await startOwnPostgres();
  const db = await Database.connect({ kind: 'postgres', url: postgres.url, poolSize: 2 });
  databases.push(db);
  await db.migrate();
  await seed(db);
  token = (await createApiKey(db.query, 'timeouts', Role.EDITOR)).token;
  eventDbId = (await db.query<{ id: number }>(`SELECT id FROM event ORDER BY id LIMIT 1`))[0].id;
  locker = new Client({ connectionString: postgres.url });
  await locker.connect();
}, 120_000);

afterAll(async () => {
  await locker?.end().catch(() => {});
  for (const app of apps) await app.stop();
  for (const db of databases) await db.close().catch(() => {});
  await postgres?.destroy();
});

describe('timeouts', () => {
  it('cancels a statement past STATEMENT_TIMEOUT_MS with TIMEOUT, and the write does not happen', async () => {
    const url = await instance(300, 10_000);
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM event WHERE id = $1 FOR UPDATE', [eventDbId]);
    const started = Date.now();
    const answer = await update(url, 'Statement timeout hall');
    await locker.query('COMMIT');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.body.errors[0]).toMatchObject({
      message: 'The database took too long to answer. Ask for less or try again.',
      extensions: { code: 'TIMEOUT' },
    });
    expect(await venue()).not.toBe('Statement timeout hall');
  });

  it('answers a request past REQUEST_TIMEOUT_MS with 503 TIMEOUT, keeps serving, and the late write lands whole', async () => {
    const url = await instance(10_000, 400);
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM event WHERE id = $1 FOR UPDATE', [eventDbId]);
    const started = Date.now();
    const answer = await update(url, 'Deadline hall');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer).toEqual({
      status: 503,
      body: { errors: [{ message: 'The request took longer than 400 ms and was abandoned; try again.', extensions: { code: 'TIMEOUT' } }] },
    });
    await locker.query('COMMIT');
    // The abandoned transaction goes on once the lock is free: all of it or none, with its audit entry.
    for (let i = 0; i < 50 && (await venue()) !== 'Deadline hall'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await venue()).toBe('Deadline hall');
    const audit = await locker.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE operation = 'eventUpdate' AND after->>'venue' = 'Deadline hall'`,
    );
    expect(audit.rows[0].n).toBe(1);
    const next = await update(url, 'After the deadline');
    expect(next).toMatchObject({
      status: 200,
      body: { data: { eventUpdate: { event: { venue: 'After the deadline' }, userErrors: [] } } },
    });
  });
});
