import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { importPages } from '../ingest/import-pages';
import { PAGE_TIME_BUDGET_MS } from '../ingest/page-limit';
import { pageSources } from '../ingest/page-sources';
import { isTimeZone } from '../ingest/sources/zoned-time';
import { writeFacts } from '../ingest/write-facts';
import { ingestSummary } from './ingest-summary';
import { openDatabase } from './open-database';
import { progressBar } from './progress-bar';

const USAGE = `usage: npm run ingest -- [--dry-run] [--json] [--community <slug>] [--community-name <name>] [--time-zone <IANA zone>] [--page-budget-ms <ms>] <file or folder>...`;

/**
 * `npm run ingest -- <file or folder>...`: imports event pages and schedules (recognised by content) into the configured database
 * (DATABASE_URL, else PGlite in DATA_DIR) after applying migrations. Exits 1 when a page
 * failed, 2 on a usage error.
 */
async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        community: { type: 'string', default: 'sofastack' },
        'community-name': { type: 'string' },
        'time-zone': { type: 'string' },
        'page-budget-ms': { type: 'string', default: String(PAGE_TIME_BUDGET_MS) },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  if (values['time-zone'] !== undefined && !isTimeZone(values['time-zone'])) {
    console.error(`--time-zone "${values['time-zone']}" is not an IANA time zone (e.g. Europe/Brussels)\n${USAGE}`);
    return 2;
  }
  const budgetMs = Number(values['page-budget-ms']);
  if (!Number.isInteger(budgetMs) || budgetMs < 1) {
    console.error(`--page-budget-ms "${values['page-budget-ms']}" is not a whole number of milliseconds\n${USAGE}`);
    return 2;
  }
  const sources = await pageSources(positionals);
  const db = await openDatabase();
  try {
    await db.migrate();
    // Schedules of another community than the built-in one name it here, once, so it exists.
    const name = values['community-name'];
    if (name) await db.transaction((_manager, sql) => writeFacts(sql, { communities: [{ slug: values.community, name }] }));
    const bar = progressBar();
    const report = await importPages(db, sources, {
      community: values.community,
      timeZone: values['time-zone'],
      budgetMs,
      dryRun: values['dry-run'],
      onPage: values.json ? undefined : (page, done, total) => bar.update(done, total, page.sourceUri),
    });
    bar.end();
    console.log(values.json ? JSON.stringify(report, null, 2) : ingestSummary(report));
    return report.pageTotals.failed > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
