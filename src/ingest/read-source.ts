import { basename } from 'path';
import { contentHashOf } from './extract-page';
import { MAX_PAGE_BYTES } from './page-limit';
import { readPage } from './page-reader';
import { pageReport, type PageReport } from './page-report';
import type { PageSource } from './page-sources';
import { detectFormat, type ScheduleKind } from './sources/detect-format';

/** Schedules larger than this are refused rather than read (a 50 MB conference fits). */
export const MAX_SCHEDULE_BYTES = 64 * 1024 * 1024;

/** A file of an import, read and recognised by its content. */
export type SourceRead =
  | { kind: 'page'; bytes: Buffer; text: string | null }
  | { kind: 'schedule'; bytes: Buffer; format: ScheduleKind; json?: unknown }
  /** Failed or skipped before any reader: the report says why. */
  | { kind: 'done'; report: PageReport };

/**
 * Reads one file of an import and recognises its format by content: event pages go to the
 * page importer (within the page size cap), schedules to their reader (within the schedule
 * cap), licence and readme files and documents of no known format are skipped with the reason.
 */
export async function readSource(source: PageSource): Promise<SourceRead> {
  const read = await readPage(source.path, MAX_SCHEDULE_BYTES);
  if (!read.ok) return { kind: 'done', report: { ...pageReport(source.path, source.sourceUri, '', 'failed'), reason: read.reason } };
  const format = detectFormat(basename(source.path), read.bytes);
  const report = (status: 'failed' | 'skipped', reason: string, line: number | null = null): SourceRead => ({
    kind: 'done',
    report: { ...pageReport(source.path, source.sourceUri, contentHashOf(read.bytes), status), reason, line },
  });
  if (format.kind === 'other') return report('skipped', format.reason);
  if (format.kind === 'broken') return report('failed', format.reason, format.line);
  if (format.kind !== 'event-page') return { kind: 'schedule', bytes: read.bytes, format: format.kind, json: format.json };
  if (read.bytes.length > MAX_PAGE_BYTES)
    return report('failed', `file is ${read.bytes.length} bytes, over the ${MAX_PAGE_BYTES}-byte limit`);
  return { kind: 'page', bytes: read.bytes, text: read.text };
}
