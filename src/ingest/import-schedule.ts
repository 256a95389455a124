import type { Database, SqlRunner } from '../database/database';
import { storedContentHash } from './dataset-source';
import { contentHashOf } from './extract-page';
import { RolledBack, writeFailure, type ImportOptions } from './import-page';
import { pageReport, type PageReport } from './page-report';
import type { ScheduleKind } from './sources/detect-format';
import { READER_NAMES, readSchedule } from './sources/read-schedule';
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

/**
 * Imports one schedule in its own transaction: unchanged content writes nothing; a document
 * its reader refuses is reported with its line or JSON pointer and leaves nothing behind; a
 * sound document is written whole, its failed records listed apart.
 */
export async function importSchedule(db: Database, schedule: ScheduleImport, options: ImportOptions = {}): Promise<PageReport> {
  try {
    return await db.transaction(async (_manager, sql) => {
      const report = await writeSchedule(sql, schedule);
      if (options.dryRun) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as PageReport;
    return { ...writeFailure({ ...schedule, contentHash: contentHashOf(schedule.bytes) }, error), reader: READER_NAMES[schedule.kind] };
  }
}

/** The body of `importSchedule`, on a transaction the caller owns. */
export async function writeSchedule(sql: SqlRunner, schedule: ScheduleImport): Promise<PageReport> {
  const contentHash = contentHashOf(schedule.bytes);
  const reader = READER_NAMES[schedule.kind];
  const base = (status: PageReport['status']) => ({ ...pageReport(schedule.path, schedule.sourceUri, contentHash, status), reader });
  if ((await storedContentHash(sql, schedule.sourceUri)) === contentHash) return base('unchanged');
  const read = readSchedule(schedule.kind, { bytes: schedule.bytes, community: schedule.community, timeZone: schedule.timeZone, sourceUri: schedule.sourceUri }, schedule.json);
  if (!read.ok) return { ...base('failed'), line: read.line ?? null, pointer: read.pointer ?? null, reason: read.reason };
  const counts = await writeFacts(sql, read.facts, { uri: schedule.sourceUri, contentHash });
  const event = read.facts.events?.[0];
  return {
    ...base('imported'),
    event: event ? { slug: event.slug, title: event.title } : null,
    counts,
    warnings: [...read.warnings, ...counts.warnings],
    recordErrors: read.errors,
  };
}
