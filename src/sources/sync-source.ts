import { stat } from 'fs/promises';
import type { Database, SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { importPages, type RunReport } from '../ingest/import-pages';
import { pageSources, type PageSource } from '../ingest/page-sources';
import type { PageReport } from '../ingest/page-report';
import type { ScheduleKind } from '../ingest/sources/detect-format';
import { COUNTED_KINDS } from '../ingest/write-counts';
import { isRemoteLocation } from './source-location';
import { SourceKind } from './source-kind.enum';
import { SourceStatus } from './source-status.enum';
import type { Source } from './source.entity';

/** What one sync of one registered source did. */
export interface SourceSync {
  source: Source;
  /** Documents found at the location. */
  read: number;
  /** Documents whose content had not changed: nothing read, nothing written. */
  unchanged: number;
  /** Records created and updated, over every kind. */
  created: number;
  updated: number;
  /** Talks withdrawn: dropped from their document, or their document gone from the folder. */
  withdrawn: number;
  /** Documents that failed (the run went on), and licence, readme or other-format files skipped. */
  failed: number;
  skipped: number;
  /** Rows of the graph inserted, updated or deleted; zero when nothing changed. */
  rowsWritten: number;
  /** Why the source could not be read, or the first document that failed; null when none did. */
  error: string | null;
  documents: PageReport[];
}

const { registered_source, source: sourceTable } = tables;
const r = registered_source.col;
const d = sourceTable.col;
const t = tables.talk.as('t');
const rs = tables.record_source.as('rs');

const COMMUNITY_SLUG = `SELECT ${tables.community.col.slug} FROM ${tables.community.name} WHERE ${tables.community.col.id} = $1`;
const RECORD_SYNC = `UPDATE ${registered_source.name} SET ${r.status} = $2, ${r.last_error} = $3, ${r.last_synced_at} = now(), ${r.updated_at} = now() WHERE ${r.id} = $1`;
// Documents under the prefix `$1` but not among `$2`, forgotten (an empty hash matches no content).
const FORGET_VANISHED = `UPDATE ${sourceTable.name} SET ${d.content_hash} = '', ${d.imported_at} = now()
     WHERE starts_with(${d.uri}, $1) AND NOT (${d.uri} = ANY($2::text[])) AND ${d.content_hash} <> '' RETURNING ${d.id}`;
/** Talk `t` read from a source that `source` holds for. */
const talkReadFrom = (source: string) => `SELECT 1 FROM ${rs} WHERE ${rs.record_type} = 'Talk' AND ${rs.record_id} = ${t.id} AND ${source}`;
const VANISHED = `${rs.source_id} = ANY($1::int[])`;
// Talks read from the vanished documents `$1` and from no other.
const WITHDRAW_ORPHANS = `UPDATE ${t} SET ${tables.talk.col.withdrawn_at} = now(), ${tables.talk.col.updated_at} = now() WHERE ${t.withdrawn_at} IS NULL
       AND EXISTS (${talkReadFrom(VANISHED)})
       AND NOT EXISTS (${talkReadFrom(`NOT (${VANISHED})`)})
     RETURNING ${t.id}`;

/** What the registry's kinds read, as the importer names formats. */
const ONLY: Record<SourceKind, 'event-page' | ScheduleKind | undefined> = {
  [SourceKind.AUTO]: undefined,
  [SourceKind.HUGO_SITE]: 'event-page',
  [SourceKind.FRAB_XML]: 'frab-xml',
  [SourceKind.SCHEDULE_JSON]: 'schedule-json',
  [SourceKind.SESSIONIZE]: 'sessionize',
  [SourceKind.ICALENDAR]: 'icalendar',
};

/**
 * Re-reads one registered source and keeps the graph in step with it: each document whose
 * content hash is unchanged is skipped (zero rows written), a changed one is written in place in
 * its own transaction, talks it no longer lists are withdrawn (by the writer), and when a
 * document has gone from a folder its talks are withdrawn too. The registry row records when and
 * how it went. A location that cannot be read fails the source and withdraws nothing: a missing
 * mount is not an empty schedule.
 */
export async function syncSource(
  db: Database,
  source: Source,
  onDocument?: (done: number, total: number, uri: string) => void,
): Promise<SourceSync> {
  const result: SourceSync = {
    source,
    read: 0,
    unchanged: 0,
    created: 0,
    updated: 0,
    withdrawn: 0,
    failed: 0,
    skipped: 0,
    rowsWritten: 0,
    error: null,
    documents: [],
  };
  const [community] = await db.query<{ slug: string }>(COMMUNITY_SLUG, [source.communityId]);
  const info = isRemoteLocation(source.location) ? null : await stat(source.location).catch(() => null);
  if (isRemoteLocation(source.location))
    result.error = 'Reading http(s) sources is not supported yet: sync a local copy (a file, a folder or a git checkout).';
  else if (!info) result.error = `The location "${source.location}" no longer exists or cannot be read.`;
  else {
    const documents = await sourceDocuments(source.location, info.isDirectory());
    const report = await importPages(db, documents, {
      community: community.slug,
      timeZone: source.timeZone,
      only: ONLY[source.kind],
      onPage: onDocument && ((page, done, total) => onDocument(done, total, page.sourceUri)),
    });
    tally(result, report);
    if (info.isDirectory()) {
      const gone = await db.transaction((_manager, sql) =>
        withdrawVanished(
          sql,
          `${source.location}/`,
          documents.map((d) => d.sourceUri),
        ),
      );
      result.withdrawn += gone.talks;
      result.rowsWritten += gone.rows;
    }
    const failed = report.pages.find((page) => page.status === 'failed');
    if (failed) result.error = `${failed.sourceUri}: ${failed.reason ?? 'failed'}`;
  }
  await db.query(RECORD_SYNC, [source.id, result.error ? SourceStatus.FAILED : SourceStatus.SYNCED, result.error]);
  return result;
}

/**
 * The documents of a location, each recorded under its own path: a file under the location, a
 * folder's files under `<location>/<path inside it>`, so two registered folders that both hold
 * an `index.md` stay two documents.
 */
async function sourceDocuments(location: string, folder: boolean): Promise<PageSource[]> {
  if (!folder) return [{ path: location, sourceUri: location }];
  return (await pageSources([location])).map((document) => ({ ...document, sourceUri: `${location}/${document.sourceUri}` }));
}

function tally(result: SourceSync, report: RunReport): void {
  result.documents = report.pages;
  result.read = report.pageTotals.read;
  result.unchanged = report.pageTotals.unchanged;
  result.failed = report.pageTotals.failed;
  result.skipped = report.pageTotals.skipped;
  result.rowsWritten = report.rowsWritten + report.counts.withdrawn;
  result.withdrawn = report.counts.withdrawn;
  // The project dictionary the importer writes first is not this source's.
  for (const page of report.pages) {
    for (const kind of COUNTED_KINDS) {
      result.created += page.counts?.created[kind] ?? 0;
      result.updated += page.counts?.updated[kind] ?? 0;
    }
  }
}

/**
 * Withdraws the talks of documents that were under `prefix` and are no longer: talks no other
 * document vouches for. The documents' hashes are forgotten, so a file that comes back is read
 * again (and its talks come back in force) even with the same bytes.
 */
async function withdrawVanished(sql: SqlRunner, prefix: string, present: string[]): Promise<{ talks: number; rows: number }> {
  const vanished = await sql<{ id: number }>(FORGET_VANISHED, [prefix, present]);
  if (!vanished.length) return { talks: 0, rows: 0 };
  const ids = vanished.map((row) => row.id);
  const talks = await sql(WITHDRAW_ORPHANS, [ids]);
  return { talks: talks.length, rows: vanished.length + talks.length };
}
