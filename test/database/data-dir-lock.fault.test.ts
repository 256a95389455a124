import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPath } from '../../src/database/data-dir-lock';
import { runNode, startNode } from '../helpers/node-process';
import { type ServerProcess, startServerProcess } from '../helpers/server-process';
import { createTestDatabase } from '../helpers/test-database';

const root = path.resolve(__dirname, '../..');
let work: string;
/** A script that takes a folder's lock at START_AT, says WON and holds it HOLD_MS, or prints why not and exits 3. */
let contender: string;

beforeAll(() => {
  // Real processes, as run by users: built once, then started with `node dist/...`.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  work = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-lock-test-'));
  contender = path.join(work, 'contender.js');
  writeFileSync(
    contender,
    `const { DataDirLock } = require(${JSON.stringify(path.join(root, 'dist/src/database/data-dir-lock.js'))});
    while (Date.now() < Number(process.env.START_AT)) {}
    try {
      DataDirLock.acquire(process.env.DIR);
      console.log('WON');
      setTimeout(() => {}, Number(process.env.HOLD_MS));
    } catch (error) {
      console.error(error.message);
      process.exit(3);
    }`,
  );
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A process of this host that has ended: its pid is free. */
async function deadPid(): Promise<number> {
  const gone = startNode(['-e', '']);
  await gone.ended;
  return gone.child.pid!;
}

/**
 * Starts `n` contenders for `dir` at the same instant; once all but one have ended, stops the
 * rest with SIGTERM (a winner holds the lock until then, so no late starter can win after it).
 * Resolves with how each ended.
 */
async function race(dir: string, n: number) {
  const startAt = String(Date.now() + 2500);
  const runs = Array.from({ length: n }, () => startNode([contender], { DIR: dir, START_AT: startAt, HOLD_MS: '120000' }));
  const done = runs.map(() => false);
  runs.forEach((run, i) => void run.ended.then(() => (done[i] = true)));
  while (done.filter(Boolean).length < n - 1) await new Promise((resolve) => setTimeout(resolve, 50));
  // The winner says so before it holds; give a contender still starting its chance to lose.
  while (!runs.some((run) => run.output().includes('WON')) && done.filter(Boolean).length < n)
    await new Promise((resolve) => setTimeout(resolve, 50));
  for (const [i, run] of runs.entries()) if (!done[i]) run.child.kill('SIGTERM');
  return Promise.all(runs.map(async (run) => ({ pid: run.child.pid!, ...(await run.ended) })));
}

function staleLock(dir: string, holder: Record<string, unknown>): void {
  const lock = {
    hostname: os.hostname(),
    since: '2026-01-01T00:00:00.000Z',
    command: 'node dist/src/main.js',
    processStart: null,
    url: null,
    nonce: 'stale',
    ...holder,
  };
  writeFileSync(lockPath(dir), JSON.stringify(lock));
}

describe('the lock on an embedded data folder', () => {
  it('lets exactly one of several processes starting at once take it; the others say who holds it', async () => {
    const dir = path.join(work, 'race');
    const ended = await race(dir, 6);
    const winners = ended.filter((e) => e.output.trim() === 'WON');
    expect(winners).toHaveLength(1);
    expect(winners[0].signal).toBe('SIGTERM');
    for (const loser of ended.filter((e) => e !== winners[0])) {
      expect(loser.code).toBe(3);
      expect(loser.output).toContain(
        `The embedded database ${dir} is in use by process ${winners[0].pid}, \`node ${path.relative(root, contender)}\``,
      );
    }
    // Let go at the end (the folder stays, made for the database); no guard or temporary file stays behind.
    expect(readdirSync(work).filter((entry) => entry.startsWith('race'))).toEqual(['race']);
  }, 60_000);

  it('takes over a lock whose process no longer runs, exactly once among racers, with a notice', async () => {
    const dir = path.join(work, 'stale');
    const pid = await deadPid();
    staleLock(dir, { pid });
    const ended = await race(dir, 6);
    const winners = ended.filter((e) => e.output.includes('WON'));
    expect(winners).toHaveLength(1);
    expect(winners[0].output).toContain(
      `Took over the lock of ${dir} from process ${pid} (\`node dist/src/main.js\`, since 2026-01-01T00:00:00.000Z), which no longer runs.`,
    );
    for (const loser of ended.filter((e) => e !== winners[0])) {
      expect(loser.code).toBe(3);
      expect(loser.output).toContain(`is in use by process ${winners[0].pid}`);
      expect(loser.output).not.toContain('Took over');
    }
    expect(readdirSync(work).filter((entry) => entry.startsWith('stale'))).toEqual(['stale']);
  }, 60_000);

  it('takes over a lock whose pid now belongs to another process (a reused pid)', async () => {
    const dir = path.join(work, 'reused');
    // This test's own pid is alive, but it started at another time than the lock says.
    staleLock(dir, { pid: process.pid, processStart: '1' });
    const [ended] = await race(dir, 1);
    expect(ended.output).toContain('WON');
    expect(ended.output).toContain(`Took over the lock of ${dir} from process ${process.pid} `);
  }, 30_000);

  it('gives up on a stale lock whose takeover guard a live process holds for seconds, naming both files', async () => {
    const dir = path.join(work, 'guarded');
    staleLock(dir, { pid: await deadPid() });
    // The guard of that stale holding, held by this (live) test process.
    writeFileSync(
      `${lockPath(dir)}-stale`,
      JSON.stringify({
        pid: process.pid,
        hostname: os.hostname(),
        since: new Date().toISOString(),
        command: 'vitest',
        processStart: null,
        url: null,
        nonce: 'guard',
      }),
    );
    const [ended] = await race(dir, 1);
    expect(ended.code).toBe(3);
    expect(ended.output).toContain(
      `The lock of ${dir} is stale, but ${lockPath(dir)}-stale is held by process ${process.pid}; if no eventgraph process uses ${dir}, delete both files.`,
    );
  }, 30_000);

  it('tells a command held up by another command (not the server) to wait, with no mutation to send', async () => {
    const dir = path.join(work, 'busy');
    const holder = startNode([contender], { DIR: dir, START_AT: '0', HOLD_MS: '60000' });
    while (!holder.output().includes('WON')) await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await runNode(['dist/src/cli/keys.js', 'list'], { DATA_DIR: dir, DATABASE_URL: '' });
    holder.child.kill('SIGTERM');
    await holder.ended;
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`is in use by process ${holder.child.pid}`);
    expect(refused.output).toContain(
      `Wait for it to end, or stop it (Ctrl-C in its terminal, or \`kill ${holder.child.pid}\`), and run this again.`,
    );
    expect(refused.output).not.toContain('curl');
    expect(refused.output).not.toContain('through the running server');
  }, 30_000);

  it('finds the lock of a folder reached through a symbolic link', async () => {
    const dir = path.join(work, 'real');
    const link = path.join(work, 'linked');
    const holder = startNode([contender], { DIR: dir, START_AT: '0', HOLD_MS: '60000' });
    while (!holder.output().includes('WON')) await new Promise((resolve) => setTimeout(resolve, 50));
    symlinkSync(dir, link);
    const [ended] = await race(link, 1);
    expect(ended.code).toBe(3);
    expect(ended.output).toContain(`The embedded database ${dir} is in use by process ${holder.child.pid}`);
    holder.child.kill('SIGTERM');
    await holder.ended;
  }, 30_000);

  it('never takes over the lock of another host, and says how to clear it', async () => {
    const dir = path.join(work, 'elsewhere');
    staleLock(dir, { pid: await deadPid(), hostname: 'build-box-7' });
    const [ended] = await race(dir, 1);
    expect(ended.code).toBe(3);
    expect(ended.output).toContain(`on the host build-box-7`);
    expect(ended.output).toContain(`If that host no longer runs it, delete ${lockPath(dir)}.`);
    expect(JSON.parse(readFileSync(lockPath(dir), 'utf8')).hostname).toBe('build-box-7');
  }, 30_000);

  it('leaves a lock file it did not write alone, and says so', async () => {
    const dir = path.join(work, 'foreign');
    writeFileSync(lockPath(dir), 'not json');
    const [ended] = await race(dir, 1);
    expect(ended.code).toBe(3);
    expect(ended.output).toContain(
      `The lock file ${lockPath(dir)} is not one eventgraph wrote; if no eventgraph process uses ${dir}, delete it.`,
    );
    expect(readFileSync(lockPath(dir), 'utf8')).toBe('not json');
  }, 30_000);

  it('is let go on SIGINT by a command that does not handle it, which then ends by that signal', async () => {
    const dir = path.join(work, 'interrupted');
    const run = startNode([contender], { DIR: dir, START_AT: '0', HOLD_MS: '60000' });
    while (!run.output().includes('WON')) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(lockPath(dir))).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.ended).toMatchObject({ code: null, signal: 'SIGINT' });
    expect(existsSync(lockPath(dir))).toBe(false);
  }, 30_000);
});

describe('a second process on the data folder of a running server', () => {
  const dataDir = () => path.join(work, 'served');
  // No template and no dataset: the folder only needs the schema.
  const env = () => ({ DATA_DIR: dataDir(), DATABASE_URL: '', PGLITE_TEMPLATE_DIR: 'off', SEED_ON_START: 'false' });
  let server: ServerProcess;
  let adminToken: string;
  let editorToken: string;
  let editorLookup: string;

  beforeAll(async () => {
    const made = await runNode(['dist/src/cli/keys.js', 'create', '--role', 'admin', '--name', 'root'], env());
    expect(made.code).toBe(0);
    adminToken = /eg_\S+/.exec(made.output)![0];
    const editor = await runNode(['dist/src/cli/keys.js', 'create', '--role', 'editor', '--name', 'bot'], env());
    editorToken = /eg_\S+/.exec(editor.output)![0];
    editorLookup = /\((\w{16})\)/.exec(editor.output)![1];
    server = await startServerProcess(env());
  }, 120_000);
  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  });

  const ask = (base: string, token: string) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ communities { slug } }' }),
    });

  it('refuses a second server, saying which process holds the folder, since when, and how to go on', async () => {
    const second = await runNode(['dist/src/main.js'], { ...env(), PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.output).not.toContain('eventgraph ready');
    const holder = JSON.parse(readFileSync(lockPath(dataDir()), 'utf8'));
    expect(holder).toMatchObject({ pid: server.child.pid, command: 'node dist/src/main.js', url: server.url });
    expect(second.output).toContain(
      `The embedded database ${dataDir()} is in use by process ${server.child.pid}, \`node dist/src/main.js\` (serving ${server.url}/graphql), since ${holder.since}. ` +
        'Two processes on one PGlite folder corrupt it, so this one stops. Either stop that process first ' +
        `(Ctrl-C in its terminal, or \`kill ${server.child.pid}\`) and run this again, or make the change through the running server`,
    );
    // The running server goes on as before.
    expect((await ask(server.url, editorToken)).status).toBe(200);
  }, 60_000);

  it('refuses `npm run keys` and `npm run ingest`; the keys command prints the mutation that does it through the server, which works', async () => {
    const refused = await runNode(['dist/src/cli/keys.js', 'revoke', editorLookup], env());
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`is in use by process ${server.child.pid}`);
    expect((await ask(server.url, editorToken)).status).toBe(200);
    const curl = /^ {2}(curl .*)$/m.exec(refused.output)![1];
    expect(curl).toContain(`${server.url}/graphql`);
    expect(curl).toContain('apiKeyRevoke');
    execFileSync('bash', ['-c', curl], { env: { ...process.env, ADMIN_KEY: adminToken } });
    // Revoked through the server: refused on the very next request.
    expect((await ask(server.url, editorToken)).status).toBe(401);

    const ingest = await runNode(['dist/src/cli/ingest.js', path.join(root, 'test/fixtures/gold')], env());
    expect(ingest.code).toBe(1);
    expect(ingest.output).toContain(`is in use by process ${server.child.pid}`);
    expect(ingest.output).toContain('pages with `eventPageImport`');
  }, 60_000);

  it('is let go when the server stops on SIGTERM, so it starts again at once', async () => {
    const stopped = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(existsSync(lockPath(dataDir()))).toBe(false);
    server = await startServerProcess(env());
    expect(server.output()).not.toContain('Took over');
    expect((await ask(server.url, adminToken)).status).toBe(200);
  }, 60_000);

  it('is taken over after the server was killed outright, with a notice, and the data is intact', async () => {
    const killed = server.child.pid;
    const gone = new Promise((resolve) => server.child.once('exit', (_code, signal) => resolve(signal)));
    server.child.kill('SIGKILL');
    expect(await gone).toBe('SIGKILL');
    expect(existsSync(lockPath(dataDir()))).toBe(true);
    server = await startServerProcess(env());
    expect(server.output()).toContain(`Took over the lock of ${dataDir()} from process ${killed} (\`node dist/src/main.js\``);
    expect((await ask(server.url, adminToken)).status).toBe(200);
    expect((await ask(server.url, editorToken)).status).toBe(401);
  }, 60_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'locks nothing with DATABASE_URL: a command on PostgreSQL runs beside the server',
    async () => {
      const postgres = await createTestDatabase();
      try {
        const migrated = await runNode(['dist/src/cli/migrate.js'], { ...env(), DATABASE_URL: postgres.url! });
        expect(migrated).toMatchObject({ code: 0 });
        expect(migrated.output).toContain('Nothing to apply');
      } finally {
        await postgres.drop();
      }
    },
    60_000,
  );
});
