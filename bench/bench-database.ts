import { Client } from 'pg';
import { Database } from '../src/database/database';
import { readSubjects } from './bench-subjects';
import type { BenchSubjects } from './scenarios';
import { postgraphileFunctions } from './servers/postgraphile-functions';
import { type SyntheticCounts, type SyntheticOptions, writeSynthetic } from './synthetic/generate';

/** The dedicated benchmark database on the local server, and the URL of each of its names. */
export interface BenchDatabase {
  url: string;
  /** Replaces the data with a synthetic graph of the given size. */
  fill(options: SyntheticOptions): Promise<SyntheticCounts>;
  /** The project, event, words and IDs the scenarios ask about. */
  subjects(): Promise<BenchSubjects>;
  /** Process ids of the backends on the benchmark database; this handle's own stay idle while a server is loaded. */
  backends(): Promise<number[]>;
  /**
   * Waits until no statement runs on the benchmark database. A load generator that stops leaves
   * up to one statement per connection running, which would bill its server's slowest queries to
   * the next server's run.
   */
  settle(): Promise<void>;
  /** Runs SQL on the benchmark database (EXPLAIN, version). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** Creates (dropping any leftover) database `name` on the server at `serverUrl`, migrated, with PostGraphile's functions. */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await Database.connect({ kind: 'postgres', url: url.toString(), poolSize: 2, statementTimeoutMs: 600_000 });
  await db.migrate();
  for (const sql of postgraphileFunctions) await db.query(sql);
  return {
    url: url.toString(),
    async fill(options) {
      const counts = await db.transaction(async (_manager, sql) => {
        // CASCADE: tables that refer to these (fact values, withdrawn roles, any added later) go too.
        await sql(
          'TRUNCATE merge_evidence, external_id, record_source, registered_source, withdrawn_talk_project, withdrawn_talk_speaker, source, speaker_project, talk_project, talk_speaker, talk_card, talk, speaker, event, project_alias, project, community RESTART IDENTITY CASCADE',
        );
        return writeSynthetic(sql, options);
      });
      // What autovacuum gives a live database, done before timing rather than part way through
      // a run: statistics for the planner, and a visibility map so index-only scans stay index-only.
      await db.query('VACUUM ANALYZE');
      return counts;
    },
    subjects: () => readSubjects(db.query),
    async backends() {
      const rows = await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
      );
      return rows.map((r) => r.pid);
    },
    async settle() {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        const [{ busy }] = await db.query<{ busy: number }>(
          `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
        );
        if (!busy) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('the benchmark database stayed busy for 30 s after a run');
    },
    query: (text, params) => db.query(text, params),
    async drop() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
