import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { inject } from 'vitest';
import { Database } from '../../src/database/database';

/** A migrated, empty database for one test file, and how to throw it away. */
export interface TestDatabase {
  db: Database;
  /** Which engine the tests run on, for test names. */
  engine: 'pglite' | 'postgres';
  /** The database's connection string on PostgreSQL (for a second instance or a second client); null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * PGlite in memory by default; with TEST_DATABASE_URL, a new database on that PostgreSQL server
 * (so test files running side by side never see each other's rows), dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    // From the run's migrated snapshot (test/helpers/migrated-snapshot.ts) when there is one.
    const file = inject('migratedSnapshot');
    const snapshot = file ? new Blob([readFileSync(file)]) : undefined;
    const db = await Database.connect({ kind: 'pglite', dataDir: 'memory://', snapshot });
    await db.migrate();
    return { db, engine: 'pglite', url: null, drop: () => db.close() };
  }
  const name = `eventgraph_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await Database.connect({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  await db.migrate();
  return {
    db,
    engine: 'postgres',
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
