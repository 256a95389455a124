import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database, type SqlRunner } from '../src/database/database';
import { importPages, type RunReport } from '../src/ingest/import-pages';
import { pageSources } from '../src/ingest/page-sources';

const TABLES = ['community', 'project', 'project_alias', 'event', 'talk', 'speaker', 'talk_speaker', 'talk_project', 'speaker_project', 'source', 'record_source'];

/**
 * `npm run bench:ingest [-- <corpus folder>]`: imports the corpus (default ../shared/corpus)
 * into a fresh database on the local PostgreSQL server (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), then imports it again, and prints both timings
 * and the rows written. The second count is checked against the tables themselves: rows whose
 * xmin is newer than the re-import's start, and row counts before and after (for deletions).
 * Targets: under 3 s, then under 1 s with zero rows written. The database is dropped afterwards.
 */
async function main(): Promise<number> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const corpus = process.argv[2] ?? '../shared/corpus';
  const name = `eventgraph_bench_${randomBytes(4).toString('hex')}`;
  await admin(server, `CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await Database.connect({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  try {
    await db.migrate();
    const sources = await pageSources([corpus]);
    const first = await importPages(db, sources, { community: 'sofastack' });
    print('import', first);
    const before = await tableState(db.query);
    const again = await importPages(db, sources, { community: 'sofastack' });
    print('re-import', again);
    const after = await tableState(db.query, before.xid);
    const written = after.written + TABLES.reduce((n, t) => n + Math.abs(after.rows[t] - before.rows[t]), 0);
    console.log(`re-import rows written according to the tables (new xmin, changed row counts): ${written}`);
    const ok = first.elapsedMs < 3000 && again.elapsedMs < 1000 && again.rowsWritten === 0 && written === 0 && first.pageTotals.failed === 0;
    console.log(ok ? 'targets met: import < 3 s, re-import < 1 s with 0 rows written' : 'TARGETS MISSED');
    return ok ? 0 : 1;
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
async function tableState(sql: SqlRunner, since?: number): Promise<{ xid: number; rows: Record<string, number>; written: number }> {
  const [{ xid }] = await sql<{ xid: string }>(`SELECT (txid_current() % 4294967296)::text AS xid`);
  const rows: Record<string, number> = {};
  let written = 0;
  for (const table of TABLES) {
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
