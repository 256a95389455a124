import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database';
import { anniversaryFacts, seed } from '../../src/dataset/seed';
import { addTalks } from '../helpers/many-talks';
import { type ServerProcess, startServerProcess } from '../helpers/server-process';

// On PGlite every request waits for the one connection, and a statement cannot be interrupted: a
// stop that waited for the whole queue of statements would take as long as the queue does.

const root = path.resolve(__dirname, '../..');
const GRACE_MS = 500;
const aggregate = JSON.stringify({ query: `{ analytics { dataQuality { talks } } }` });
let dataDir: string;
let server: ServerProcess;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-sigterm-'));
  const db = await Database.connect({ kind: 'pglite', dataDir });
  await db.migrate();
  await seed(db, { 'sofa-6th-anniversary': anniversaryFacts });
  await addTalks(db, 100_000);
  await db.close();
  // A deadline far off, so that it is the stop, not the deadline, that bounds the queue; no
  // response cache, so that every request runs its aggregate.
  server = await startServerProcess({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PGLITE_TEMPLATE_DIR: 'off',
    RESPONSE_CACHE_MB: '0',
    REQUEST_TIMEOUT_MS: '120000',
    SHUTDOWN_GRACE_MS: String(GRACE_MS),
  });
}, 300_000);

afterAll(() => {
  agent.destroy();
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Connections opened before the load: while PGlite runs statements back to back the process
 * takes in about one new connection per statement, but reads every open one between two.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(method: 'GET' | 'POST', path: string, body?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve) => {
    const sent = http.request(`${server.url}${path}`, { method, agent, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    sent.on('error', (error) => resolve({ status: 0, body: { error: error.message } }));
    sent.end(body);
  });
}

const post = () => request('POST', '/graphql', aggregate);

describe('SIGTERM with the PGlite queue full', () => {
  it('refuses what still waits after the grace and exits within the grace and one statement, not the queue', async () => {
    // One aggregate over 100,000 talks, timed once warm: enough of them to take 30 s one after another.
    expect((await post()).body.data.analytics.dataQuality.talks).toBeGreaterThan(100_000);
    const first = performance.now();
    await post();
    const eachMs = performance.now() - first;
    const count = Math.min(200, Math.ceil(30_000 / eachMs));
    await Promise.all(Array.from({ length: count }, () => request('GET', '/healthz')));
    const answers = Array.from({ length: count }, post);
    // Every request is read between the first statements and queued.
    await new Promise((resolve) => setTimeout(resolve, 2 * eachMs + 500));

    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const stopMs = performance.now() - signalled;
    expect(stopMs).toBeLessThan(GRACE_MS + 3000);

    const results = await Promise.all(answers);
    const served = results.filter((r) => r.status === 200 && r.body.data?.analytics);
    const refused = results.filter((r) => r.status === 503);
    // Every request was answered: with its figure, or told to retry elsewhere.
    expect(served.length + refused.length).toBe(count);
    expect(refused.length).toBeGreaterThan(0);
    for (const { body } of refused) {
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'The server is shutting down; retry on another instance.',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        }),
      ]);
    }
    expect(server.output()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(server.output()).toMatch(/Stopped cleanly/);
  }, 120_000);
});
