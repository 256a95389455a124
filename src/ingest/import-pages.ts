import type { Database, SqlRunner } from '../database/database';
import { communityTimeZone } from './community-time-zone';
import { writeDataset } from './dataset-source';
import { looksLikeMojibake } from './encoding/mojibake-detect';
import {
  extractForImport,
  namesIn,
  RolledBack,
  writeExtracted,
  writeFailure,
  writeInTransaction,
  type ExtractedPage,
  type ImportOptions,
  type PageImport,
} from './import-page';
import type { PageSource } from './page-sources';
import { readForImport, writeReadSchedule, writeScheduleInTransaction, type ReadScheduleImport } from './import-schedule';
import { readSource } from './read-source';
import { contentHashOf } from './extract-page';
import type { ScheduleKind } from './sources/detect-format';
import { pageReport, type PageReport, type PageStatus } from './page-report';
import { dictionaryFacts } from './project-dictionary';
import { emptyCounts, mergeCounts, type WriteCounts } from './write-counts';

/** Options of a run over many pages. */
export interface RunOptions extends ImportOptions {
  /** Slug of the community the pages belong to. */
  community: string;
  /** IANA time zone of pages and schedules whose times carry no offset and that name no zone (default: the community's). */
  timeZone?: string;
  /** Reads only documents of this format and skips the others with the reason (a registered source's kind). */
  only?: 'event-page' | ScheduleKind;
  /** Milliseconds each page's extraction may take (`PAGE_TIME_BUDGET_MS` unless given). */
  budgetMs?: number;
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
 * Imports pages one by one after writing the project dictionary (skipped when unchanged) so that
 * talks find their projects. Every page is read and extracted before any transaction opens; then
 * each is written in its own transaction. A page that fails is reported and the run goes on. A
 * dry run writes everything in one transaction, each file under a savepoint so counts see
 * earlier files' writes, and rolls it all back.
 */
export async function importPages(db: Database, sources: readonly PageSource[], options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const pages: PageReport[] = new Array(sources.length);
  let done = 0;
  const finish = (at: number, report: PageReport) => {
    pages[at] = report;
    options.onPage?.(report, ++done, sources.length);
  };
  // Pages and schedules that name no zone are read in the community's, unless the run names one.
  const timeZone = options.timeZone ?? (await communityTimeZone(db.query, options.community));
  const writes = await extractAll(db, sources, { ...options, timeZone }, finish);
  const run = async (
    writePage: (page: ExtractedPage) => Promise<PageReport>,
    writeOneSchedule: (schedule: ReadScheduleImport) => Promise<PageReport>,
    dictionary: WriteCounts | null,
  ) => {
    for (const write of writes) {
      finish(
        write.at,
        write.kind === 'page' ? { ...(await writePage(write.page)), reader: 'event page' } : await writeOneSchedule(write.schedule),
      );
    }
    return summarize(pages, dictionary, options.dryRun ?? false, performance.now() - started);
  };
  if (!options.dryRun) {
    const dictionary = await db.transaction((_manager, sql) => writeDictionary(sql));
    return run(
      (page) => writeInTransaction(db, page),
      (schedule) => writeScheduleInTransaction(db, schedule),
      dictionary,
    );
  }
  try {
    return await db.transaction(async (_manager, sql) => {
      const dictionary = await writeDictionary(sql);
      const underSavepoint = (write: () => Promise<PageReport>, failure: (error: unknown) => PageReport) =>
        writeUnderSavepoint(sql, write, failure);
      throw new RolledBack(
        await run(
          (page) =>
            underSavepoint(
              () => writeExtracted(sql, page),
              (error) => writeFailure(page, error),
            ),
          (schedule) =>
            underSavepoint(
              () => writeReadSchedule(sql, schedule),
              (error) => writeFailure({ ...schedule.schedule, contentHash: schedule.contentHash }, error),
            ),
          dictionary,
        ),
      );
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as RunReport;
    throw error;
  }
}

/** A file read, waiting for its write: an extracted page, or a schedule its reader read. */
type PendingWrite = { at: number; kind: 'page'; page: ExtractedPage } | { at: number; kind: 'schedule'; schedule: ReadScheduleImport };

/**
 * Reads every file and extracts every page and schedule, with no transaction open; files that fail or are
 * skipped before that are finished at once. Garbled pages go last, so their lost characters are
 * filled from every name the clean pages brought as well as those the graph knows.
 */
async function extractAll(
  db: Database,
  sources: readonly PageSource[],
  options: RunOptions,
  finish: (at: number, report: PageReport) => void,
): Promise<PendingWrite[]> {
  const writes: PendingWrite[] = [];
  const garbled: { at: number; page: PageImport }[] = [];
  const names: string[] = [];
  for (const [at, source] of sources.entries()) {
    const read = await readSource(source);
    if (read.kind === 'done') {
      finish(at, read.report);
      continue;
    }
    const format = read.kind === 'schedule' ? read.format : 'event-page';
    if (options.only && format !== options.only) {
      finish(at, {
        ...pageReport(source.path, source.sourceUri, contentHashOf(read.bytes), 'skipped'),
        reason: `a ${format} document, not ${options.only}`,
      });
      continue;
    }
    if (read.kind === 'schedule') {
      const schedule = {
        path: source.path,
        bytes: read.bytes,
        sourceUri: source.sourceUri,
        community: options.community,
        timeZone: options.timeZone ?? 'UTC',
        kind: read.format,
        json: read.json,
      };
      writes.push({ at, kind: 'schedule', schedule: await readForImport(db.query, schedule) });
      continue;
    }
    const page = {
      path: source.path,
      text: read.bytes,
      sourceUri: source.sourceUri,
      community: options.community,
      timeZone: options.timeZone,
    };
    if (read.text !== null && looksLikeMojibake(read.text)) {
      garbled.push({ at, page });
      continue;
    }
    const extracted = await extractForImport(db.query, page, { budgetMs: options.budgetMs });
    names.push(...namesIn(extracted));
    writes.push({ at, kind: 'page', page: extracted });
  }
  for (const { at, page } of garbled)
    writes.push({ at, kind: 'page', page: await extractForImport(db.query, page, { knownNames: names, budgetMs: options.budgetMs }) });
  return writes;
}

/** Writes the project dictionary under `dataset:project-dictionary` unless that version is stored already. */
export function writeDictionary(sql: SqlRunner): Promise<WriteCounts | null> {
  return writeDataset(sql, 'project-dictionary', dictionaryFacts());
}

async function writeUnderSavepoint(
  sql: SqlRunner,
  write: () => Promise<PageReport>,
  failure: (error: unknown) => PageReport,
): Promise<PageReport> {
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
