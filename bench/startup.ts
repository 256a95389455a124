import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processCpuMs } from './cpu';
import { stopChild } from './servers/launch';
import { startFlags } from './servers/server-specs';

/** Time from process start to the first answered query: wall clock and the process's own CPU, ms. */
export interface StartupTime {
  wall: number;
  cpu: number;
}

/** How long eventgraph took from process start to its first answered query, by database. */
export interface StartupTimes {
  postgres: StartupTime;
  pgliteFresh: StartupTime;
  pgliteExisting: StartupTime;
}

const MAIN = path.join(__dirname, '..', 'src', 'main.js');
const FIRST_QUERY = JSON.stringify({ query: '{ projects(first: 1) { nodes { slug } } }' });

/** Milliseconds from spawning `node dist/src/main.js` with `env` until a query that reads the database answers. */
async function timeToFirstAnswer(env: Record<string, string>, port: number): Promise<StartupTime> {
  const started = performance.now();
  const child = spawn(process.execPath, [...startFlags(), MAIN], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`eventgraph exited with ${child.exitCode} while starting`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: FIRST_QUERY,
        });
        const body = (await response.json()) as { data?: unknown };
        if (response.ok && body.data) return { wall: performance.now() - started, cpu: processCpuMs(child.pid!) };
      } catch {
        // Not listening yet.
      }
      if (performance.now() - started > 120_000) throw new Error('eventgraph did not answer within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await stopChild(child);
  }
}

/** Start-up on PostgreSQL (migrated), on a new embedded database (migrate and seed), and on that database again. */
export async function measureStartup(databaseUrl: string, port: number): Promise<StartupTimes> {
  const postgres = await timeToFirstAnswer({ DATABASE_URL: databaseUrl, SEED_ON_START: 'false' }, port);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-startup-'));
  try {
    const pgliteFresh = await timeToFirstAnswer({ DATABASE_URL: '', DATA_DIR: dataDir }, port);
    const pgliteExisting = await timeToFirstAnswer({ DATABASE_URL: '', DATA_DIR: dataDir }, port);
    return { postgres, pgliteFresh, pgliteExisting };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
