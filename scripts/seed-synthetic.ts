import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DEFAULT_SYNTHETIC, type SyntheticOptions, writeSynthetic } from '../bench/synthetic/generate';
import { openDatabase } from '../src/cli/open-database';

const USAGE = `Usage: npm run seed:synthetic -- [--events N] [--talks-per-event K] [--speakers N] [--projects N] [--seed N] [--replace]
Fills the database that DATABASE_URL (else DATA_DIR) names with a deterministic synthetic graph.
Defaults: ${DEFAULT_SYNTHETIC.events} events, ${DEFAULT_SYNTHETIC.talksPerEvent} talks per event, ${DEFAULT_SYNTHETIC.speakers} speakers, ${DEFAULT_SYNTHETIC.projects} projects, seed ${DEFAULT_SYNTHETIC.seed}.
--replace empties a database that already holds events first; without it such a database is left alone.`;

/** Reads the command line into options, or throws one message naming every bad argument. */
function readOptions(argv: string[]): SyntheticOptions & { replace: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      'talks-per-event': { type: 'string' },
      speakers: { type: 'string' },
      projects: { type: 'string' },
      seed: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const whole = (name: keyof typeof values, fallback: number, min: number, max: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  const options = {
    events: whole('events', DEFAULT_SYNTHETIC.events, 1, 1_000_000),
    talksPerEvent: whole('talks-per-event', DEFAULT_SYNTHETIC.talksPerEvent, 1, 200),
    speakers: whole('speakers', DEFAULT_SYNTHETIC.speakers, 1, 5_000_000),
    projects: whole('projects', DEFAULT_SYNTHETIC.projects, 1, 10_000),
    seed: whole('seed', DEFAULT_SYNTHETIC.seed, 0, 2 ** 32 - 1),
    replace: values.replace === true,
  };
  if (problems.length) throw new Error(`${problems.join('\n')}\n\n${USAGE}`);
  return options;
}

async function main(): Promise<void> {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  const db = await openDatabase();
  try {
    await db.migrate();
    const [{ events }] = await db.query<{ events: number }>('SELECT count(*)::int AS events FROM event');
    if (events > 0 && !options.replace) {
      throw new Error(`The database already holds ${events} events; pass --replace to empty it first.`);
    }
    const started = Date.now();
    const counts = await db.transaction(async (_manager, sql) => {
      if (options.replace) {
        await sql(
          'TRUNCATE record_source, source, speaker_project, talk_project, talk_speaker, talk_card, talk, speaker, event, project_alias, project, community RESTART IDENTITY CASCADE',
        );
      }
      return writeSynthetic(sql, options);
    });
    console.log(`Synthetic graph written in ${Date.now() - started} ms: ${JSON.stringify(counts)}`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
