import type { Database, SqlRunner } from '../database/database';
import { storedContentHash } from './dataset-source';
import { eventLanding, factToWrite, foldIntoTwins } from './event-identity';
import { contentHashOf } from './extract-page';
import { RolledBack, writeFailure, type ImportOptions } from './import-page';
import { pageReport, type PageReport } from './page-report';
import type { ScheduleKind } from './sources/detect-format';
import { READER_NAMES, readSchedule } from './sources/read-schedule';
import type { ScheduleRead } from './sources/schedule-read';
import { writeFacts } from './write-facts';

/** One schedule file to import, its format already recognised. */
export interface ScheduleImport {
  path: string;
  bytes: Buffer;
  sourceUri: string;
  community: string;
  /** IANA zone for local times when the document names none. */
  timeZone: string;
  kind: ScheduleKind;
  /** The document parsed, when format detection parsed it (JSON). */
  json?: unknown;
}

/** A schedule read by its reader, with nothing written yet: what the write step takes. */
export interface ReadScheduleImport {
  schedule: ScheduleImport;
  contentHash: string;
  /** The reader's answer; null when the source's stored content is this very document. */
  read: ScheduleRead | null;
}

/**
 * Imports one schedule: reads it first, holding no transaction, then writes it in a transaction of
 * its own. Unchanged content writes nothing; a document its reader refuses is reported with its
 * line or JSON pointer and leaves nothing behind; a sound document is written whole, its failed
 * records listed apart.
 */
export async function importSchedule(db: Database, schedule: ScheduleImport, options: ImportOptions = {}): Promise<PageReport> {
  return writeScheduleInTransaction(db, await readForImport(db.query, schedule), options);
}

/** The first half of a schedule's import, outside any transaction: `query` runs single statements. */
export async function readForImport(query: SqlRunner, schedule: ScheduleImport): Promise<ReadScheduleImport> {
  const contentHash = contentHashOf(schedule.bytes);
  if ((await storedContentHash(query, schedule.sourceUri)) === contentHash) return { schedule, contentHash, read: null };
  const read = readSchedule(
    schedule.kind,
    { bytes: schedule.bytes, community: schedule.community, timeZone: schedule.timeZone, sourceUri: schedule.sourceUri },
    schedule.json,
  );
  return { schedule, contentHash, read };
}

/** Writes a read schedule in a transaction of its own, unless it failed or is unchanged. */
export async function writeScheduleInTransaction(db: Database, read: ReadScheduleImport, options: ImportOptions = {}): Promise<PageReport> {
  if (read.read === null || !read.read.ok) return writeReadSchedule(db.query, read);
  try {
    return await db.transaction(async (_manager, sql) => {
      const report = await writeReadSchedule(sql, read);
      if (options.dryRun) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as PageReport;
    return { ...writeFailure({ ...read.schedule, contentHash: read.contentHash }, error), reader: READER_NAMES[read.schedule.kind] };
  }
}

/** The second half of a schedule's import, on a transaction the caller owns. */
export async function writeReadSchedule(sql: SqlRunner, { schedule, contentHash, read }: ReadScheduleImport): Promise<PageReport> {
  const reader = READER_NAMES[schedule.kind];
  const base = (status: PageReport['status']) => ({ ...pageReport(schedule.path, schedule.sourceUri, contentHash, status), reader });
  // Checked again here: another import of the same source may have landed since the reading.
  if (read === null || (read.ok && (await storedContentHash(sql, schedule.sourceUri)) === contentHash)) return base('unchanged');
  if (!read.ok) return { ...base('failed'), line: read.line ?? null, pointer: read.pointer ?? null, reason: read.reason };
  // A schedule of an event that a page (or another schedule) brought already lands on that event.
  const landed = [];
  for (const fact of read.facts.events ?? []) landed.push({ fact, landing: await eventLanding(sql, fact) });
  const events = landed.map(({ fact, landing }) => factToWrite(fact, landing));
  // An iCalendar feed is a listing: an event's own page or schedule outranks what it says (fact-choice.ts).
  const counts = await writeFacts(
    sql,
    { ...read.facts, events },
    { uri: schedule.sourceUri, contentHash, feed: schedule.kind === 'icalendar' },
  );
  await foldIntoTwins(sql, landed, schedule.sourceUri);
  const first = landed[0];
  return {
    ...base('imported'),
    event: first ? { slug: first.landing.slug, title: first.fact.title } : null,
    counts,
    warnings: [...read.warnings, ...counts.warnings],
    recordErrors: read.errors,
  };
}
