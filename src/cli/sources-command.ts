import { parseArgs } from 'node:util';
import type { Database } from '../database/database';
import { tables } from '../database/tables';
import { writeFacts } from '../ingest/write-facts';
import { kindName } from '../sources/source-kind.enum';
import { findSource, listSources, RegistrationRefused, registerSource, removeSource } from '../sources/source-registry';
import { table } from './ingest-summary';

/** Where a command writes and which folder relative locations start from. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

const COMMUNITY_BY_SLUG = `SELECT ${tables.community.col.id} FROM ${tables.community.name} WHERE ${tables.community.col.slug} = $1`;

const USAGE = `usage: npm run sources -- add <location> --community <slug> [--community-name <name>] --time-zone <IANA zone> --licence <licence> [--kind auto|hugo-site|frab-xml|schedule-json|sessionize|icalendar]
       npm run sources -- list [--json]
       npm run sources -- remove <id or location>`;

/**
 * `npm run sources -- add|list|remove`: the source registry from the command line. Returns the
 * exit code: 0 done, 1 refused (each problem on its own line), 2 a usage error.
 */
export async function sourcesCommand(db: Database, argv: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        kind: { type: 'string', default: 'auto' },
        community: { type: 'string' },
        'community-name': { type: 'string' },
        'time-zone': { type: 'string' },
        licence: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (action === 'list' && rest.length === 0) {
    const sources = await listSources(db.query);
    if (values.json) io.out(JSON.stringify(sources, null, 2));
    else if (!sources.length) io.out('No sources registered: add one with `npm run sources -- add <location> ...`.');
    else {
      const rows = sources.map((s) => [
        String(s.id),
        kindName(s.kind),
        s.location,
        s.timeZone,
        s.licence,
        s.status,
        s.lastSyncedAt?.toISOString() ?? 'never',
      ]);
      io.out(table([['id', 'kind', 'location', 'time zone', 'licence', 'status', 'last synced'], ...rows], true).join('\n'));
    }
    return 0;
  }
  if (action === 'remove' && rest.length === 1) {
    const removed = await db.transaction(async (_manager, sql) => {
      const source = await findSource(sql, rest[0], io.cwd);
      return source && (await removeSource(sql, source.id));
    });
    if (!removed) {
      io.err(`No source is registered as "${rest[0]}": see \`npm run sources -- list\`.`);
      return 1;
    }
    io.out(`Removed source ${removed.id} (${removed.location}); the records read from it stay.`);
    return 0;
  }
  if (action === 'add' && rest.length === 1) {
    const missing = (['community', 'time-zone', 'licence'] as const).filter((option) => !values[option]);
    if (missing.length) {
      io.err(`Missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
      return 2;
    }
    try {
      const source = await db.transaction(async (_manager, sql) => {
        const name = values['community-name'];
        // A community named here is created (or renamed) first, as `npm run ingest` does.
        if (name) await writeFacts(sql, { communities: [{ slug: values.community!, name }] });
        const [community] = await sql<{ id: number }>(COMMUNITY_BY_SLUG, [values.community]);
        return registerSource(
          sql,
          {
            kind: values.kind!,
            location: rest[0],
            communityId: community?.id ?? 0,
            timeZone: values['time-zone']!,
            licence: values.licence!,
          },
          io.cwd,
        );
      });
      io.out(
        `Registered source ${source.id}: ${kindName(source.kind)} at ${source.location}. Sync it with \`npm run sync -- ${source.id}\`.`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof RegistrationRefused)) throw error;
      for (const problem of error.problems) {
        io.err(
          problem.field === 'community'
            ? `--community: no community "${values.community}"; create it with --community-name <name>.`
            : `${flag(problem.field)}: ${problem.message}`,
        );
      }
      return 1;
    }
  }
  io.err(USAGE);
  return 2;
}

function flag(field: string): string {
  return field === 'timeZone' ? '--time-zone' : field === 'location' ? 'location' : `--${field}`;
}
