import { parseArgs } from 'node:util';
import type { Database } from '../database/database';
import { findSource, listSources } from '../sources/source-registry';
import { syncSource, type SourceSync } from '../sources/sync-source';
import { progressBar } from './progress-bar';
import type { CommandIo } from './sources-command';
import { syncSummary } from './sync-summary';

const USAGE = `usage: npm run sync -- [--json] [<id or location>...]`;

/**
 * `npm run sync -- [<id or location>...]`: re-reads every registered source, or those named,
 * with a progress bar on a terminal and a summary table. Returns the exit code: 0 all synced,
 * 1 a source or document failed (the others were still synced) or a name matched no source, 2 a
 * usage error.
 */
export async function syncCommand(
  db: Database,
  argv: readonly string[],
  io: CommandIo,
  stream: NodeJS.WriteStream = process.stdout,
): Promise<{ code: number; syncs: SourceSync[] }> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return { code: 2, syncs: [] };
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return { code: 0, syncs: [] };
  }
  const sources = [];
  for (const ref of parsed.positionals) {
    const source = await findSource(db.query, ref, io.cwd);
    if (!source) {
      io.err(`No source is registered as "${ref}": see \`npm run sources -- list\`.`);
      return { code: 1, syncs: [] };
    }
    sources.push(source);
  }
  if (!parsed.positionals.length) sources.push(...(await listSources(db.query)));
  if (!sources.length) {
    io.err('No sources registered: add one with `npm run sources -- add <location> ...`.');
    return { code: 1, syncs: [] };
  }
  const bar = progressBar(stream);
  const syncs: SourceSync[] = [];
  for (const [at, source] of sources.entries()) {
    syncs.push(
      await syncSource(
        db,
        source,
        io.roots,
        parsed.values.json ? undefined : (done, total, uri) => bar.update(done, total, `source ${at + 1}/${sources.length} ${uri}`),
      ),
    );
  }
  bar.end();
  io.out(
    parsed.values.json
      ? JSON.stringify(
          syncs.map(({ documents: _, ...sync }) => sync),
          null,
          2,
        )
      : syncSummary(syncs),
  );
  return { code: syncs.some((s) => s.error) ? 1 : 0, syncs };
}
