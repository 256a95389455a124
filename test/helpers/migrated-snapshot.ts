import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { Database } from '../../src/database/database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data directory (tarball) that each test file's database starts from; '' on PostgreSQL. */
    migratedSnapshot: string;
  }
}

/**
 * vitest's global setup: PGlite's initdb costs about two thirds of a new test database, so the
 * migrated empty database is made once per run and each file's in-memory database loads it
 * (createTestDatabase still migrates, finding nothing to do, so a stale snapshot cannot pass).
 */
export async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('migratedSnapshot', '');
    return () => {};
  }
  const db = await Database.connect({ kind: 'pglite', dataDir: 'memory://' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-snapshot-'));
  try {
    await db.migrate();
    const file = path.join(dir, 'migrated.tar');
    writeFileSync(file, Buffer.from(await (await db.snapshot()).arrayBuffer()));
    project.provide('migratedSnapshot', file);
  } finally {
    await db.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
