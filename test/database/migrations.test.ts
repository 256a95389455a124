import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { Database } from '../../src/database/database';

describe('migrations/index.ts', () => {
  it('lists every migration file, oldest first', () => {
    const files = readdirSync(path.join(__dirname, '../../migrations'))
      .filter((f) => /^\d+-.+\.ts$/.test(f))
      .sort();
    const names = migrations.map((m) => new m().name);
    expect(names).toEqual(files.map((f) => f.replace(/^(\d+)-(.+)\.ts$/, '$2$1')));
  });

  it('applies what is pending, and nothing once every migration is recorded', async () => {
    const db = await Database.connect({ kind: 'pglite', dataDir: 'memory://' });
    try {
      const names = migrations.map((m) => new m().name);
      expect(await db.migrate()).toEqual(names);
      expect(await db.migrate()).toEqual([]);
      await db.dataSource.undoLastMigration();
      expect(await db.migrate()).toEqual([names.at(-1)]);
      expect(await db.query(`SELECT name FROM migrations ORDER BY id`)).toEqual(names.map((name) => ({ name })));
    } finally {
      await db.close();
    }
  }, 60_000);
});
