import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/graphql/role.enum';
import { loadConfig } from '../../src/config';
import { Database } from '../../src/database/database';
import { seed } from '../../src/dataset/seed';
import { type App, createApp } from '../../src/http/app';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';
import { auditWrites, startWorkload } from '../helpers/workload';

let postgres: OwnPostgres;
let db: Database;
let app: App;
let base: string;
let token: string;
let eventId: string;
const logged: unknown[] = [];

beforeAll(async () => {
  postgres = await startOwnPostgres();
  db = await Database.connect({ kind: 'postgres', url: postgres.url, poolSize: 8, statementTimeoutMs: 5000 });
  await db.migrate();
  await seed(db);
  token = (await createApiKey(db.query, 'outage-test', Role.EDITOR)).token;
  app = await createApp(
    { ...loadConfig({ NODE_ENV: 'production', RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_KEY: '1000000' }), port: 0 },
    db,
    (message, error) => logged.push(`${message}: ${(error as Error)?.stack ?? error}`),
  );
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ events(first: 1) { nodes { id } } }' }),
  });
  eventId = ((await response.json()) as any).data.events.nodes[0].id;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await db?.close().catch(() => {});
  await postgres?.destroy();
});

const ready = async () => (await fetch(`${base}/readyz`)).status;

async function until(condition: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await condition()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Condition not met within ${ms} ms`);
}

describe('the database goes away under load', () => {
  it('fails fast with SERVICE_UNAVAILABLE, says not ready, recovers on its own, and loses or half-does no write', async () => {
    const tag = `outage${Date.now()}`;
    const load = startWorkload({ urls: [`${base}/graphql`], token, eventId, concurrency: 6, tag, writeShare: 0.4 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await ready()).toBe(200);

    await postgres.stop('fast');
    const outageStarted = load.report.requests;
    await until(async () => (await ready()) === 503, 5000);
    const during = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ talks(first: 1) { nodes { title } } }' }),
    });
    const body = (await during.json()) as any;
    expect(body.errors[0]).toMatchObject({
      message: 'The database is unavailable right now. Try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const duringOutage = load.report.requests - outageStarted;

    await postgres.start();
    const recoveredIn = await until(async () => (await ready()) === 200, 15_000);
    const afterRecovery = load.report.requests;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const report = await load.stop();
    const okAfterRecovery = report.requests - afterRecovery;

    const audit = await auditWrites(db, tag, report.acknowledged);
    if (report.outcomes.INTERNAL_SERVER_ERROR) console.log(logged.join('\n'));
    console.log(
      JSON.stringify({
        outcomes: report.outcomes,
        requests: report.requests,
        duringOutage,
        recoveredIn,
        slowestFailureMs: Math.round(report.slowestFailureMs),
        ...audit,
        lost: audit.lost.length,
      }),
    );
    expect(duringOutage).toBeGreaterThan(20);
    expect(okAfterRecovery).toBeGreaterThan(10);
    expect(report.outcomes.SERVICE_UNAVAILABLE).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).filter((o) => !['ok', 'SERVICE_UNAVAILABLE'].includes(o))).toEqual([]);
    expect(report.slowestFailureMs).toBeLessThan(6000);
    expect(audit.lost).toEqual([]);
    expect(audit.halfDone).toBe(0);
    expect(audit.stored).toBeGreaterThanOrEqual(report.acknowledged.speakers.length + report.acknowledged.talks.length);
    expect(await ready()).toBe(200);
  }, 60_000);
});
