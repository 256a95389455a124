import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/graphql/role.enum';
import { Database } from '../../src/database/database';
import { seed } from '../../src/dataset/seed';
import { toGlobalId } from '../../src/graphql/global-id';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';
import { type ServerProcess, startServerProcess } from '../helpers/server-process';
import { auditWrites, startWorkload } from '../helpers/workload';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let postgres: OwnPostgres;
let db: Database;
const servers: ServerProcess[] = [];
let token: string;
let eventId: string;

beforeAll(async () => {
  postgres = await startOwnPostgres();
  db = await Database.connect({ kind: 'postgres', url: postgres.url, poolSize: 2 });
  await db.migrate();
  await seed(db);
  token = (await createApiKey(db.query, 'soak', Role.EDITOR)).token;
  eventId = toGlobalId('Event', (await db.query<{ id: number }>(`SELECT id FROM event ORDER BY id LIMIT 1`))[0].id);
  // Two instances behind one database and one Redis, as behind a load balancer.
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url,
    SEED_ON_START: 'false',
    REDIS_URL: 'redis://127.0.0.1:6379',
    RATE_LIMIT_PER_ADDRESS: '10000000',
    RATE_LIMIT_PER_KEY: '10000000',
  };
  servers.push(await startServerProcess(env), await startServerProcess(env));
});

afterAll(async () => {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await db?.close().catch(() => {});
  await postgres?.destroy();
});

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]);

describe(`load and fault (${SECONDS} s, ${CONCURRENCY} clients, a database crash in the middle)`, () => {
  it('keeps every acknowledged write, half-does none, recovers, and holds its memory', async () => {
    const tag = `soak${Date.now()}`;
    const rss: number[][] = servers.map(() => []);
    const sampler = setInterval(() => servers.forEach((s, i) => rss[i].push(s.rssMb())), 2000);
    const load = startWorkload({
      urls: servers.map((s) => `${s.url}/graphql`),
      token,
      eventId,
      concurrency: CONCURRENCY,
      tag,
      writeShare: 0.3,
    });

    await sleep((SECONDS * 1000) / 2);
    const beforeCrash = { ...load.report.outcomes };
    await postgres.stop('immediate');
    const crashAt = Date.now();
    await sleep(3000);
    const notReady = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}/readyz`)).status));
    await postgres.start();
    let recoveredMs = -1;
    while (Date.now() - crashAt < 30_000) {
      const statuses = await Promise.all(servers.map(async (s) => (await fetch(`${s.url}/readyz`)).status));
      if (statuses.every((status) => status === 200)) {
        recoveredMs = Date.now() - crashAt;
        break;
      }
      await sleep(100);
    }
    await sleep(Math.max(0, SECONDS * 1000 - (Date.now() - crashAt) - (SECONDS * 1000) / 2));
    const report = await load.stop();
    clearInterval(sampler);

    const audit = await auditWrites(db, tag, report.acknowledged);
    const sorted = [...report.latenciesMs].sort((a, b) => a - b);
    const third = (series: number[]) => Math.floor(series.length / 3);
    const memory = rss.map((series) => ({
      startMb: Math.round(series[1] ?? series[0]),
      peakMb: Math.round(Math.max(...series)),
      endMb: Math.round(series.at(-1)!),
      firstThirdAvgMb: Math.round(series.slice(1, third(series)).reduce((a, b) => a + b, 0) / Math.max(1, third(series) - 1)),
      lastThirdAvgMb: Math.round(series.slice(-third(series)).reduce((a, b) => a + b, 0) / Math.max(1, third(series))),
    }));
    const figures = {
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      instances: servers.length,
      requests: report.requests,
      perSecond: Math.round(report.requests / SECONDS),
      outcomes: report.outcomes,
      outcomesBeforeCrash: beforeCrash,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: Math.round(sorted.at(-1)!) },
      slowestFailureMs: Math.round(report.slowestFailureMs),
      readyzDuringOutage: notReady,
      recoveredMsAfterCrash: recoveredMs,
      acknowledgedWrites: report.acknowledged.speakers.length + report.acknowledged.talks.length,
      storedWrites: audit.stored,
      lostAcknowledgedWrites: audit.lost.length,
      halfDoneWrites: audit.halfDone,
      memory,
    };
    console.log(`SOAK FIGURES ${JSON.stringify(figures, null, 2)}`);

    expect(notReady).toEqual([503, 503]);
    expect(recoveredMs).toBeGreaterThan(0);
    expect(Object.keys(report.outcomes).filter((o) => !['ok', 'SERVICE_UNAVAILABLE'].includes(o))).toEqual([]);
    expect(audit.lost).toEqual([]);
    expect(audit.halfDone).toBe(0);
    for (const m of memory) expect(m.lastThirdAvgMb).toBeLessThan(m.firstThirdAvgMb * 1.5 + 20);
    for (const server of servers) expect(server.child.exitCode).toBeNull();
  });
});
