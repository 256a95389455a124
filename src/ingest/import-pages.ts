import type { Database, SqlRunner } from '../database/database';
import { communityTimeZone } from './community-time-zone';
import { writeDataset } from './dataset-source';
import { looksLikeMojibake } from './encoding/mojibake-detect';
import { importPage, RolledBack, writeFailure, writePage, type ImportOptions, type PageImport } from './import-page';
import type { PageSource } from './page-sources';
import { importSchedule, writeSchedule, type ScheduleImport } from './import-schedule';
import { readSource } from './read-source';
import { pageReport, type PageReport, type PageStatus } from './page-report';
import { dictionaryFacts } from './project-dictionary';
import { emptyCounts, mergeCounts, type WriteCounts } from './write-counts';

/** Options of a run over many pages. */
export interface RunOptions extends ImportOptions {
  /** Slug of the community the pages belong to. */
  community: string;
  /** IANA time zone of pages and schedules whose times carry no offset and that name no zone (default: the community's). */
  timeZone?: string;
  /** Called after each page, e.g. to draw a progress bar. */
  onPage?: (report: PageReport, done: number, total: number) => void;
}

/** What a run did, page by page and in total. */
export interface RunReport {
  dryRun: boolean;
  pages: PageReport[];
  /** Pages by what became of them. */
  pageTotals: Record<PageStatus, number> & { read: number };
  /** Records created and updated over the whole run (the project dictionary included). */
  counts: WriteCounts;
  /** Rows inserted, updated or deleted, links and provenance included. */
  rowsWritten: number;
  elapsedMs: number;
}

/**
 * Imports pages one by one, each in its own transaction, after writing the project dictionary
 * (skipped when unchanged) so that talks find their projects. A page that fails is reported and
 * the run goes on. A dry run does all of it in one transaction, each page under a savepoint so
 * counts see earlier pages' writes, and rolls everything back.
 */
export async function importPages(db: Database, sources: readonly PageSource[], options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const run = async (timeZone: string, importOne: (page: PageImport) => Promise<PageReport>, importOneSchedule: (schedule: ScheduleImport) => Promise<PageReport>, dictionary: WriteCounts | null) => {
    const pages: PageReport[] = new Array(sources.length);
    let done = 0;
    const finish = (at: number, report: PageReport) => {
      pages[at] = report;
      options.onPage?.(report, ++done, sources.length);
    };
    // Garbled pages go last, so their lost characters are filled from every name the clean pages brought.
    const garbled: { at: number; page: PageImport }[] = [];
    for (const [at, source] of sources.entries()) {
      const read = await readSource(source);
      if (read.kind === 'done') {
        finish(at, read.report);
        continue;
      }
      if (read.kind === 'schedule') {
        const schedule = { path: source.path, bytes: read.bytes, sourceUri: source.sourceUri, community: options.community, timeZone, kind: read.format, json: read.json };
        finish(at, await importOneSchedule(schedule));
        continue;
      }
      const page = { path: source.path, text: read.bytes, sourceUri: source.sourceUri, community: options.community, timeZone };
      if (read.text !== null && looksLikeMojibake(read.text)) garbled.push({ at, page });
      else finish(at, { ...(await importOne(page)), reader: 'event page' });
    }
    for (const { at, page } of garbled) finish(at, { ...(await importOne(page)), reader: 'event page' });
    return summarize(pages, dictionary, options.dryRun ?? false, performance.now() - started);
  };
  if (!options.dryRun) {
    const dictionary = await db.transaction((_manager, sql) => writeDictionary(sql));
    const timeZone = options.timeZone ?? (await db.transaction((_manager, sql) => communityTimeZone(sql, options.community)));
    return run(timeZone, (page) => importPage(db, page), (schedule) => importSchedule(db, schedule), dictionary);
  }
  try {
    return await db.transaction(async (_manager, sql) => {
      const dictionary = await writeDictionary(sql);
      const timeZone = options.timeZone ?? (await communityTimeZone(sql, options.community));
      const underSavepoint = (write: () => Promise<PageReport>, failure: (error: unknown) => PageReport) => writeUnderSavepoint(sql, write, failure);
      throw new RolledBack(
        await run(
          timeZone,
          (page) => underSavepoint(() => writePage(sql, page), (error) => writeFailure(page, error)),
          (schedule) => underSavepoint(() => writeSchedule(sql, schedule), (error) => writeFailure({ ...schedule, text: schedule.bytes }, error)),
          dictionary,
        ),
      );
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as RunReport;
    throw error;
  }
}

/** Writes the project dictionary under `dataset:project-dictionary` unless that version is stored already. */
export function writeDictionary(sql: SqlRunner): Promise<WriteCounts | null> {
  return writeDataset(sql, 'project-dictionary', dictionaryFacts());
}

async function writeUnderSavepoint(sql: SqlRunner, write: () => Promise<PageReport>, failure: (error: unknown) => PageReport): Promise<PageReport> {
  await sql('SAVEPOINT page');
  try {
    const report = await write();
    await sql('RELEASE SAVEPOINT page');
    return report;
  } catch (error) {
    await sql('ROLLBACK TO SAVEPOINT page');
    return failure(error);
  }
}

function summarize(pages: PageReport[], dictionary: WriteCounts | null, dryRun: boolean, elapsedMs: number): RunReport {
  const pageTotals = { read: pages.length, imported: 0, unchanged: 0, skipped: 0, failed: 0 };
  let counts = dictionary ?? emptyCounts();
  for (const page of pages) {
    pageTotals[page.status]++;
    if (page.counts) counts = mergeCounts(counts, page.counts);
  }
  return { dryRun, pages, pageTotals, counts, rowsWritten: rowsWritten(counts), elapsedMs: Math.round(elapsedMs) };
}

/** Rows a write touched: records created or updated, plus links and provenance. */
export function rowsWritten(counts: WriteCounts): number {
  const records = Object.values(counts.created).reduce((a, b) => a + b, 0) + Object.values(counts.updated).reduce((a, b) => a + b, 0);
  return records + counts.links;
}
