import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/ingest/import-pages';
import { hostileLinksPage, mojibakeGaps, oversizedFrontMatter, yamlAliasBomb } from '../helpers/hostile-pages';
import { startTestServer, type TestServer } from '../helpers/test-server';

const root = path.resolve(__dirname, '../..');
let server: TestServer;

beforeAll(async () => {
  // The command as run: built once, then `node dist/src/cli/ingest.js`, what `npm run ingest` starts.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  server = await startTestServer();
}, 180_000);
afterAll(() => server?.close());

/** Runs the ingest command on `args` while asking the server's `/healthz` every 100 ms; the slowest answer is returned with the output. */
async function ingestWhileServing(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; slowestHealthzMs: number }> {
  // On PostgreSQL the command writes to the server's own database; on PGlite to an embedded one of its own.
  const env = server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATA_DIR: 'memory://' };
  const child = spawn(process.execPath, ['dist/src/cli/ingest.js', ...args], { cwd: root, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let slowest = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${server.url}/healthz`);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  running = false;
  await probe;
  return { code, stdout, stderr, slowestHealthzMs: slowest };
}

describe('npm run ingest on hostile pages', () => {
  it('reports each with its file, line and reason, keeps only http(s) links, exits 1, and the server stays responsive', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'eventgraph-hostile-'));
    const files: Record<string, string> = {
      'bomb.md': yamlAliasBomb(),
      'big-front-matter.md': oversizedFrontMatter(100_000),
      'gaps-2mb.md': mojibakeGaps(2_000_000),
      'gaps/index.md': mojibakeGaps(20_000),
      'sofa-meetup-96/index.md': hostileLinksPage(),
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    }
    const run = await ingestWhileServing(['--json', '--community-name', 'SOFAStack', '--page-budget-ms', '300', folder]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as RunReport;
    const byFile = Object.fromEntries(report.pages.map((page) => [page.sourceUri, page]));
    expect(byFile['bomb.md']).toMatchObject({
      status: 'failed',
      line: 2,
      reason: 'YAML front matter cannot be read: Excessive alias count indicates a resource exhaustion attack',
    });
    expect(byFile['big-front-matter.md']).toMatchObject({
      status: 'failed',
      line: 2,
      reason: expect.stringMatching(/^front matter is \d+ bytes, over the 65536-byte limit$/),
    });
    expect(byFile['gaps-2mb.md']).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^over the 300 ms time budget for one page while /),
    });
    expect(byFile['gaps/index.md'].status).toBe('imported');
    expect(byFile['sofa-meetup-96/index.md'].status).toBe('imported');
    // javascript:/data: targets are no links to the page reader; the scheme-relative one is left out by the writer.
    expect(byFile['sofa-meetup-96/index.md'].warnings.filter((w) => w.includes('only http(s) links are kept'))).toEqual([
      '"SOFABoot 相对": link "//evil.example/slides.pdf" left out, only http(s) links are kept.',
    ]);
    expect(report.pageTotals).toMatchObject({ read: 5, imported: 2, failed: 3 });
    expect(run.slowestHealthzMs).toBeLessThan(1000);
    if (server.databaseUrl) {
      const slides = await server.db.query<{ slides_url: string | null }>(
        `SELECT t.slides_url FROM talk t JOIN event e ON e.id = t.event_id WHERE e.slug = 'sofa-meetup-96' ORDER BY t.position`,
      );
      expect(slides.map((t) => t.slides_url)).toEqual([null, 'https://example.org/files/koupleless.pdf']);
    }
  }, 120_000);

  it('refuses a page budget that is not a whole number of milliseconds', async () => {
    const run = await ingestWhileServing(['--page-budget-ms', 'soon', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--page-budget-ms "soon" is not a whole number of milliseconds/);
  });
});
