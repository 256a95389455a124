import { createHash } from 'node:crypto';
import {
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { migrations } from '../../migrations';
import type { Config } from '../config';
import type { GraphFacts } from '../ingest/event-facts';
import { Database } from '../database/database';
import { builtInDataset, seedIfEmpty } from './seed';

/**
 * A new embedded database costs seconds of CPU: PGlite's initdb, the migrations and writing
 * the built-in dataset. A template is that work done once (by
 * `npm run build`) into a data directory, which a new database copies in a fraction of a second.
 * Correctness never depends on it: start-up still migrates and seeds, finding nothing to do.
 */

const KEY_LENGTH = 32;
/** A template's folder name. */
const KEY = new RegExp(`^[0-9a-f]{${KEY_LENGTH}}$`);

/** Present in a data directory while a template is being copied into it. */
const RESTORING = '.eventgraph-template-restoring';

/**
 * What a template is made from: the PGlite version (the data directory's format), the
 * migrations' code, the dataset, and the code that connects and writes the dataset (the files of
 * src/database and src/ingest of this build). A change to any of them names another template, so
 * a stale one is never used.
 */
export function templateKey(datasets: Record<string, GraphFacts> = builtInDataset): string {
  const hash = createHash('sha256');
  const pglite = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  hash.update(`pglite ${(JSON.parse(readFileSync(pglite, 'utf8')) as { version: string }).version}\n`);
  // A migration class's text holds its SQL: the migrations inline theirs.
  for (const migration of migrations) hash.update(`${migration.name}\n${migration.toString()}\n`);
  hash.update(JSON.stringify(datasets));
  for (const folder of [__dirname, path.join(__dirname, '..', 'ingest')]) {
    for (const file of readdirSync(folder).sort()) {
      if (!/\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) continue;
      hash.update(`${file}\n`).update(readFileSync(path.join(folder, file)));
    }
  }
  return hash.digest('hex').slice(0, KEY_LENGTH);
}

/** Makes the template of this build in `templateDir`, unless it exists; older templates there are removed. Returns its folder. */
export async function writeTemplate(templateDir: string): Promise<{ dir: string; made: boolean }> {
  const dir = path.join(templateDir, templateKey());
  if (existsSync(path.join(dir, 'PG_VERSION'))) return { dir, made: false };
  mkdirSync(templateDir, { recursive: true });
  // Made aside and renamed into place, so a half-made template is never found under its key.
  const work = mkdtempSync(path.join(templateDir, '.making-'));
  try {
    const db = await Database.connect({ kind: 'pglite', dataDir: work });
    try {
      // The same steps as start-up on a new data directory.
      await db.migrate();
      await seedIfEmpty(db);
    } finally {
      await db.close();
    }
    // Older templates are never used again; nothing else in the folder is touched.
    for (const entry of readdirSync(templateDir)) {
      if (KEY.test(entry)) rmSync(path.join(templateDir, entry), { recursive: true, force: true });
    }
    renameSync(work, dir);
    return { dir, made: true };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Copies this build's template into `dataDir` when that holds no database yet; returns the
 * template's folder, or null when the data directory is in use or no current template exists
 * (then PGlite initializes it as before).
 */
export function restoreTemplate(templateDir: string, dataDir: string): string | null {
  const entries = existsSync(dataDir) ? readdirSync(dataDir) : [];
  const interrupted = entries.includes(RESTORING);
  if ((entries.length && !interrupted) || !existsSync(templateDir)) return null;
  const source = path.join(templateDir, templateKey());
  if (!existsSync(path.join(source, 'PG_VERSION'))) return null;
  // A copy cut short (the process killed mid-way) is thrown away and made again.
  for (const entry of entries) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, RESTORING), '');
  // A copy-on-write clone where the file system can (Btrfs, XFS), a plain copy elsewhere.
  cpSync(source, dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE });
  rmSync(path.join(dataDir, RESTORING));
  return source;
}

/** Start-up's use of the template: only for a new embedded database that would be migrated and seeded. */
export function restoreTemplateFor(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'pgliteTemplateDir' | 'migrateOnStart' | 'seedOnStart'>,
): string | null {
  // A template is a migrated, seeded database: it stands in for both steps, or for neither.
  if (config.databaseUrl || config.dataDir === 'memory://' || !config.pgliteTemplateDir || !config.migrateOnStart || !config.seedOnStart)
    return null;
  return restoreTemplate(config.pgliteTemplateDir, config.dataDir);
}
