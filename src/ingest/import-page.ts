import type { Database, SqlRunner } from '../database/database';
import { communityTimeZone } from './community-time-zone';
import { storedContentHash } from './dataset-source';
import { looksLikeMojibake } from './encoding/mojibake-detect';
import { resolveEventSlug } from './event-identity';
import { contentHashOf, extractPage } from './extract-page';
import { loadKnownNames } from './known-names';
import { projectsToCreate } from './new-projects';
import { asText } from './page-reader';
import { pageReport, type PageReport } from './page-report';
import { writeFacts } from './write-facts';

/** One page to import, from disk or from an editor. */
export interface PageImport {
  /** Where the page was read from, for messages. */
  path: string;
  /** The page's bytes or text. */
  text: string | Buffer;
  /** What the page is recorded under as a source: a path relative to the import root, or a URL. */
  sourceUri: string;
  /** Slug of the community whose site the page comes from; must exist in the graph. */
  community: string;
  /** IANA zone the page's times are read in unless it names one (default: the community's). */
  timeZone?: string;
}

/** Options of an import. */
export interface ImportOptions {
  /** Do every write, report what changed, and roll it all back. */
  dryRun?: boolean;
}

/** Thrown to roll a dry run's transaction back while keeping its result. */
export class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

/**
 * Imports one page into the graph in its own transaction: skips it when its source's content
 * hash is unchanged (no row written), extracts it (repairing bad encoding with the names the
 * graph already knows), lands its event on an existing twin's slug, and upserts its facts with
 * provenance. A page that fails leaves nothing behind and is reported with its line and reason;
 * this never throws for bad input.
 */
export async function importPage(db: Database, page: PageImport, options: ImportOptions = {}): Promise<PageReport> {
  try {
    return await db.transaction(async (_manager, sql) => {
      const report = await writePage(sql, page);
      if (options.dryRun) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as PageReport;
    return writeFailure(page, error);
  }
}

/** The report of a page whose write threw: the transaction was rolled back, nothing of it is stored. */
export function writeFailure(page: PageImport, error: unknown): PageReport {
  const bytes = typeof page.text === 'string' ? Buffer.from(page.text, 'utf8') : page.text;
  const report = pageReport(page.path, page.sourceUri, contentHashOf(bytes), 'failed');
  report.reason = `not stored: ${error instanceof Error ? error.message : String(error)}`;
  return report;
}

/** The body of `importPage`, on a transaction the caller owns (a run's dry run shares one). */
export async function writePage(sql: SqlRunner, page: PageImport): Promise<PageReport> {
  const bytes = typeof page.text === 'string' ? Buffer.from(page.text, 'utf8') : page.text;
  const contentHash = contentHashOf(bytes);
  if ((await storedContentHash(sql, page.sourceUri)) === contentHash) return pageReport(page.path, page.sourceUri, contentHash, 'unchanged');

  const text = asText(bytes);
  // Only a garbled page needs the graph's names; clean pages skip the query.
  const knownNames = text !== null && looksLikeMojibake(text) ? await loadKnownNames(sql) : [];
  const timeZone = page.timeZone ?? (await communityTimeZone(sql, page.community));
  const result = extractPage({ path: page.path, text: bytes, community: page.community, timeZone, knownNames });
  if (!result.ok) {
    return { ...pageReport(page.path, page.sourceUri, contentHash, 'failed'), line: result.line, reason: result.reason };
  }
  const report = { ...pageReport(page.path, page.sourceUri, contentHash, 'skipped'), uncertain: result.encoding.uncertain, warnings: result.warnings };
  if ('skipped' in result) return { ...report, reason: result.skipped };

  const slug = await resolveEventSlug(sql, result.event);
  const event = { ...result.event, slug };
  const created = await projectsToCreate(sql, result.projects);
  const counts = await writeFacts(sql, { projects: created.map((p) => p.fact), events: [event] }, { uri: page.sourceUri, contentHash });
  const createdProjects = created.map(({ fact, origin }) => ({ slug: fact.slug, name: fact.name, repositoryUrl: fact.repositoryUrl ?? null, origin }));
  return { ...report, status: 'imported', event: { slug, title: event.title }, counts, warnings: [...report.warnings, ...counts.warnings], createdProjects };
}
