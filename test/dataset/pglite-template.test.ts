import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database';
import { loadConfig } from '../../src/config';
import { restoreTemplate, restoreTemplateFor, templateKey, writeTemplate } from '../../src/dataset/pglite-template';
import { builtInDataset, seedIfEmpty } from '../../src/dataset/seed';

let work: string;
let templates: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-template-test-'));
  templates = path.join(work, 'templates');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * What a database holds: per table its row count and a digest of its rows, leaving out the
 * columns filled with now() (a template's rows were written when it was made); the sequences.
 */
async function contents(db: Database): Promise<Record<string, unknown>> {
  const tables = await db.query<{ table_name: string; columns: string }>(
    `SELECT table_name, string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FILTER (WHERE column_default IS DISTINCT FROM 'now()') AS columns
     FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
  );
  const result: Record<string, unknown> = {};
  for (const { table_name, columns } of tables) {
    const [row] = await db.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS digest FROM (SELECT ${columns} FROM ${table_name}) r`,
    );
    result[table_name] = row;
  }
  result.sequences = await db.query(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`);
  result.migrations = await db.query(`SELECT timestamp, name FROM migrations ORDER BY id`);
  return result;
}

/** Start-up's steps on a database: migrate, then seed when it has no events. */
async function migrateAndSeed(db: Database): Promise<{ applied: string[]; seeded: string | null }> {
  return { applied: await db.migrate(), seeded: await seedIfEmpty(db) };
}

describe('PGlite data-directory template', () => {
  let built: Record<string, unknown>;
  beforeAll(async () => {
    const db = await Database.connect({ kind: 'pglite', dataDir: 'memory://' });
    await migrateAndSeed(db);
    built = await contents(db);
    await db.close();
  }, 120_000);

  it('is written once per build, replacing older ones: a second run finds it current', async () => {
    const older = path.join(templates, 'f'.repeat(32));
    mkdirSync(older, { recursive: true });
    writeFileSync(path.join(templates, 'README'), 'not a template');
    const first = await writeTemplate(templates);
    expect(first).toEqual({ dir: path.join(templates, templateKey()), made: true });
    expect(await writeTemplate(templates)).toEqual({ dir: first.dir, made: false });
    // The older template is gone; what else the folder holds stays.
    expect(readdirSync(templates).sort()).toEqual(['README', templateKey()].sort());
  }, 120_000);

  it('gives a new database the content that migrating and seeding one gives; start-up then has nothing to do', async () => {
    const dataDir = path.join(work, 'from-template');
    expect(restoreTemplate(templates, dataDir)).toBe(path.join(templates, templateKey()));
    const db = await Database.connect({ kind: 'pglite', dataDir });
    try {
      expect(await migrateAndSeed(db)).toEqual({ applied: [], seeded: null });
      const copied = await contents(db);
      expect(copied).toEqual(built);
      expect(copied.event).toMatchObject({ rows: 56 });
      expect((copied.migrations as unknown[]).length).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    // That data directory now holds a database: it is never overwritten.
    expect(restoreTemplate(templates, dataDir)).toBeNull();
  }, 60_000);

  it('is used at start-up only when the new database would be migrated and seeded', () => {
    const env = { PGLITE_TEMPLATE_DIR: templates, DATA_DIR: path.join(work, 'start-up') };
    for (const off of [
      { SEED_ON_START: 'false' },
      { MIGRATE_ON_START: 'false' },
      { PGLITE_TEMPLATE_DIR: 'off' },
      { DATA_DIR: 'memory://' },
    ]) {
      expect(restoreTemplateFor(loadConfig({ ...env, ...off }))).toBeNull();
    }
    expect(existsSync(env.DATA_DIR)).toBe(false);
    expect(restoreTemplateFor(loadConfig(env))).toBe(path.join(templates, templateKey()));
    expect(existsSync(path.join(env.DATA_DIR, 'PG_VERSION'))).toBe(true);
  });

  it('leaves a folder that holds other files alone', () => {
    const dataDir = path.join(work, 'not-empty');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
    expect(restoreTemplate(templates, dataDir)).toBeNull();
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
  });

  it('makes a copy cut short again', () => {
    const dataDir = path.join(work, 'cut-short');
    mkdirSync(path.join(dataDir, 'base'), { recursive: true });
    writeFileSync(path.join(dataDir, '.eventgraph-template-restoring'), '');
    writeFileSync(path.join(dataDir, 'base', 'half-copied'), 'x');
    expect(restoreTemplate(templates, dataDir)).not.toBeNull();
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'base', 'half-copied'))).toBe(false);
    expect(existsSync(path.join(dataDir, '.eventgraph-template-restoring'))).toBe(false);
  });

  it('names another template when the dataset changes', () => {
    const changed = structuredClone(builtInDataset);
    changed['sofastack-events'].events![0].title += ' (renamed)';
    expect(templateKey(changed)).not.toBe(templateKey());
  });

  it('is not used when missing or stale: the data directory is initialized, migrated and seeded as before', async () => {
    const dataDir = path.join(work, 'stale');
    expect(restoreTemplate(path.join(work, 'no-templates'), dataDir)).toBeNull();
    // A template made from other migrations, dataset or code sits under another key.
    renameSync(path.join(templates, templateKey()), path.join(templates, 'made-by-an-older-build'));
    expect(restoreTemplate(templates, dataDir)).toBeNull();
    expect(existsSync(dataDir)).toBe(false);
    const db = await Database.connect({ kind: 'pglite', dataDir });
    try {
      const { applied, seeded } = await migrateAndSeed(db);
      expect(applied.length).toBeGreaterThan(0);
      expect(seeded).toMatch(/^56 events/);
      expect(await contents(db)).toEqual(built);
    } finally {
      await db.close();
    }
  }, 120_000);
});
