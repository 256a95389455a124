import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database, type SqlRunner } from '../src/database/database';
import { importPages, type RunReport } from '../src/ingest/import-pages';
import { pageSources } from '../src/ingest/page-sources';
import { writeFacts } from '../src/ingest/write-facts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphSize, importSchedules, largeFrabXml, SCHEDULE_TABLES, withPeakMemory } from './schedules';

const TABLES = [
  'community',
  'project',
  'project_alias',
  'event',
  'talk',
  'speaker',
  'talk_speaker',
  'talk_project',
  'speaker_project',
  'source',
  'record_source',
  'fact_value',
];

/**
 * `npm run bench:ingest [-- <corpus folder>]`: imports the corpus (default ../shared/corpus)
 * into a fresh database on the local PostgreSQL server (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), then imports it again, and prints both timings
 * and the rows written. The second count is checked against the tables themselves: rows whose
 * xmin is newer than the re-import's start, and row counts before and after (for deletions).
 * Targets: under 3 s, then under 1 s with zero rows written. The database is dropped afterwards.
 *
 * Then the schedules, each on a fresh database: FOSDEM's largest sample (about 700 talks, 750
 * persons) imported (target under 5 s) and imported again unchanged (under 1 s, zero rows
 * written, checked against the tables as above); and a 50 MB frab XML generated from that
 * sample's structure (`--large-mb` to change the size, 0 to skip), imported with the process's
 * peak memory sampled.
 */
async function main(): Promise<number> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const args = process.argv.slice(2);
  const largeAt = args.indexOf('--large-mb');
  const largeMb = largeAt >= 0 ? Number(args.splice(largeAt, 2)[1]) : 50;
  const corpus = args[0] ?? '../shared/corpus';
  const pagesOk = await benchCorpus(server, corpus);
  const schedulesOk = await benchSchedules(server, corpus, largeMb);
  return pagesOk && schedulesOk ? 0 : 1;
}

/** The corpus run: import, re-import, rows written. */
async function benchCorpus(server: string, corpus: string): Promise<boolean> {
  let ok = false;
  await onFreshDatabase(server, async (db) => {
    const sources = await pageSources([corpus]);
    const first = await importPages(db, sources, { community: 'sofastack' });
    print('import', first);
    const before = await tableState(db.query);
    const again = await importPages(db, sources, { community: 'sofastack' });
    print('re-import', again);
    const after = await tableState(db.query, before.xid);
    const written = after.written + TABLES.reduce((n, t) => n + Math.abs(after.rows[t] - before.rows[t]), 0);
    console.log(`re-import rows written according to the tables (new xmin, changed row counts): ${written}`);
    const met =
      first.elapsedMs < 3000 && again.elapsedMs < 1000 && again.rowsWritten === 0 && written === 0 && first.pageTotals.failed === 0;
    console.log(met ? 'targets met: import < 3 s, re-import < 1 s with 0 rows written' : 'TARGETS MISSED');
    ok = met;
  });
  return ok;
}

/** The schedule runs: a FOSDEM-size import and unchanged re-import, and the peak memory of a large file. */
async function benchSchedules(server: string, corpus: string, largeMb: number): Promise<boolean> {
  const sample = join(corpus, 'schedules', 'fosdem', '2022.xml');
  let ok = true;
  await onFreshDatabase(server, async (db) => {
    await conferences(db);
    const sources = await pageSources([sample]);
    const first = await importSchedules(db, sources);
    const size = await graphSize(db.query);
    print('FOSDEM 2022 import', first);
    console.log(`  ${size.talks} talks, ${size.speakers} speakers`);
    const before = await tableState(db.query, undefined, SCHEDULE_TABLES);
    const again = await importSchedules(db, sources);
    print('FOSDEM 2022 re-import', again);
    const after = await tableState(db.query, before.xid, SCHEDULE_TABLES);
    const written = after.written + SCHEDULE_TABLES.reduce((n, t) => n + Math.abs(after.rows[t] - before.rows[t]), 0);
    console.log(`  re-import rows written according to the tables: ${written}`);
    const met =
      first.pageTotals.imported === 1 && first.elapsedMs < 5000 && again.elapsedMs < 1000 && again.rowsWritten === 0 && written === 0;
    console.log(met ? '  targets met: import < 5 s, re-import < 1 s with 0 rows written' : '  TARGETS MISSED');
    ok &&= met;
  });
  if (largeMb > 0) {
    const folder = mkdtempSync(join(tmpdir(), 'eventgraph-bench-'));
    try {
      const path = join(folder, 'large.xml');
      const made = largeFrabXml(sample, largeMb, path);
      console.log(`large frab XML: ${(made.bytes / 2 ** 20).toFixed(1)} MB, ${made.talks} talks (from FOSDEM 2022's structure)`);
      await onFreshDatabase(server, async (db) => {
        await conferences(db);
        const base = process.memoryUsage();
        const { result, rssMb, heapMb } = await withPeakMemory(async () => importSchedules(db, await pageSources([path])));
        print('large import', result);
        console.log(
          `  peak memory: rss ${rssMb} MB, heap ${heapMb} MB (before: rss ${Math.round(base.rss / 2 ** 20)} MB, heap ${Math.round(base.heapUsed / 2 ** 20)} MB)`,
        );
        ok &&= result.pageTotals.imported === 1;
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return ok;
}

/** The community the schedules are imported into. */
function conferences(db: Database) {
  return db.transaction((_m, sql) => writeFacts(sql, { communities: [{ slug: 'conferences', name: 'Conferences' }] }));
}

/** Runs `work` on a new migrated database, dropped afterwards. */
async function onFreshDatabase(server: string, work: (db: Database) => Promise<void>): Promise<void> {
  const name = `eventgraph_bench_${randomBytes(4).toString('hex')}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await Database.connect({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  try {
    await db.migrate();
    await work(db);
  } finally {
    await db.close();
    await admin(server, `DROP DATABASE IF EXISTS ${name}`);
  }
}

function print(label: string, report: RunReport): void {
  const t = report.pageTotals;
  console.log(
    `${label.padEnd(9)} ${String(report.elapsedMs).padStart(5)} ms  pages ${t.read} (imported ${t.imported}, unchanged ${t.unchanged}, skipped ${t.skipped}, failed ${t.failed})  rows written ${report.rowsWritten}`,
  );
}

/** Row counts per table and, after `since`, how many rows carry a newer transaction id. */
async function tableState(
  sql: SqlRunner,
  since?: number,
  tables = TABLES,
): Promise<{ xid: number; rows: Record<string, number>; written: number }> {
  const [{ xid }] = await sql<{ xid: string }>(`SELECT (txid_current() % 4294967296)::text AS xid`);
  const rows: Record<string, number> = {};
  let written = 0;
  for (const table of tables) {
    const [row] = await sql<{ total: number; newer: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE xmin::text::bigint > $1)::int AS newer FROM ${table}`,
      [since ?? Number(xid)],
    );
    rows[table] = row.total;
    if (since !== undefined) written += row.newer;
  }
  return { xid: Number(xid), rows, written };
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
