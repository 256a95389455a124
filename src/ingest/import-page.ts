import type { Database, SqlRunner } from '../database/database';
import { communityTimeZone } from './community-time-zone';
import { storedContentHash } from './dataset-source';
import { looksLikeMojibake } from './encoding/mojibake-detect';
import type { EventFact } from './event-facts';
import { eventLanding, factToWrite, foldIntoTwins } from './event-identity';
import { contentHashOf, extractPage } from './extract-page';
import { loadKnownNames } from './known-names';
import { projectsToCreate } from './new-projects';
import { asText } from './page-reader';
import { pageReport, type PageReport } from './page-report';
import type { PageResult } from './page-result';
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

/** Options of a page's extraction. */
export interface ExtractOptions {
  /** Names read elsewhere in the same run, beside those the graph knows, to fill a garbled page's lost characters. */
  knownNames?: readonly string[];
  /** The page's time budget in milliseconds (`PAGE_TIME_BUDGET_MS` unless given). */
  budgetMs?: number;
}

/** A page read and extracted, with nothing written yet: what the write step takes. */
export interface ExtractedPage {
  path: string;
  sourceUri: string;
  contentHash: string;
  /** The extraction's answer; null when the source's stored content is this very page. */
  result: PageResult | null;
}

/** Thrown to roll a dry run's transaction back while keeping its result. */
export class RolledBack<T> extends Error {
  constructor(readonly result: T) {
    super('dry run: rolled back');
  }
}

/**
 * Imports one page into the graph: reads and extracts it first, holding no transaction (on
 * PGlite the one connection stays free while the page is parsed, and a page that fails or
 * is unchanged opens none), then writes its facts in a transaction of their own. A page that
 * fails leaves nothing behind and is reported with its line and reason; this never throws for
 * bad input.
 */
export async function importPage(db: Database, page: PageImport, options: ImportOptions & ExtractOptions = {}): Promise<PageReport> {
  return writeInTransaction(db, await extractForImport(db.query, page, options), options);
}

/**
 * The first half of an import, outside any transaction: skips a page whose source has this
 * content hash stored already, and extracts the rest (repairing bad encoding with the names the
 * graph and the caller know, within the page's time budget). `read` runs single statements.
 */
export async function extractForImport(read: SqlRunner, page: PageImport, options: ExtractOptions = {}): Promise<ExtractedPage> {
  const bytes = typeof page.text === 'string' ? Buffer.from(page.text, 'utf8') : page.text;
  const contentHash = contentHashOf(bytes);
  const extracted = { path: page.path, sourceUri: page.sourceUri, contentHash };
  if ((await storedContentHash(read, page.sourceUri)) === contentHash) return { ...extracted, result: null };
  const text = asText(bytes);
  // Only a garbled page needs the graph's names; clean pages skip the query.
  const knownNames = text !== null && looksLikeMojibake(text) ? [...(await loadKnownNames(read)), ...(options.knownNames ?? [])] : [];
  const timeZone = page.timeZone ?? (await communityTimeZone(read, page.community));
  return {
    ...extracted,
    result: extractPage({ path: page.path, text: bytes, community: page.community, timeZone, knownNames, budgetMs: options.budgetMs }),
  };
}

/** Writes an extracted page in a transaction of its own, unless it failed or is unchanged. */
export async function writeInTransaction(db: Database, extracted: ExtractedPage, options: ImportOptions = {}): Promise<PageReport> {
  if (extracted.result === null || !extracted.result.ok || 'skipped' in extracted.result) return writeExtracted(db.query, extracted);
  try {
    return await db.transaction(async (_manager, sql) => {
      const report = await writeExtracted(sql, extracted);
      if (options.dryRun) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result as PageReport;
    return writeFailure(extracted, error);
  }
}

/** The report of a page whose write threw: the transaction was rolled back, nothing of it is stored. */
export function writeFailure(page: { path: string; sourceUri: string; contentHash: string }, error: unknown): PageReport {
  const report = pageReport(page.path, page.sourceUri, page.contentHash, 'failed');
  report.reason = `not stored: ${error instanceof Error ? error.message : String(error)}`;
  return report;
}

/** Hooks into the write of a page. */
export interface WriteHooks {
  /** Called with the event as it will be written (on the slug it lands on), right before the write. */
  beforeWrite?(event: EventFact): Promise<void>;
}

/**
 * The second half of an import, on a transaction the caller owns (a run's dry run shares one):
 * upserts the page's facts with provenance, folding its event into an existing twin (a recorded merge).
 * Failed, skipped and unchanged pages write nothing.
 */
export async function writeExtracted(sql: SqlRunner, extracted: ExtractedPage, hooks: WriteHooks = {}): Promise<PageReport> {
  const { path, sourceUri, contentHash, result } = extracted;
  // Checked again here: another import of the same source may have landed since the extraction.
  if (result === null || (result.ok && (await storedContentHash(sql, sourceUri)) === contentHash))
    return pageReport(path, sourceUri, contentHash, 'unchanged');
  if (!result.ok) return { ...pageReport(path, sourceUri, contentHash, 'failed'), line: result.line, reason: result.reason };
  const report = {
    ...pageReport(path, sourceUri, contentHash, 'skipped'),
    uncertain: result.encoding.uncertain,
    warnings: result.warnings,
  };
  if ('skipped' in result) return { ...report, reason: result.skipped };

  const landing = await eventLanding(sql, result.event);
  const slug = landing.slug;
  const event = { ...result.event, slug };
  await hooks.beforeWrite?.(event);
  const created = await projectsToCreate(sql, result.projects);
  const events = [factToWrite(result.event, landing)];
  const counts = await writeFacts(sql, { projects: created.map((p) => p.fact), events }, { uri: sourceUri, contentHash });
  await foldIntoTwins(sql, [{ fact: result.event, landing }], sourceUri);
  const createdProjects = created.map(({ fact, origin }) => ({
    slug: fact.slug,
    name: fact.name,
    repositoryUrl: fact.repositoryUrl ?? null,
    origin,
  }));
  return {
    ...report,
    status: 'imported',
    event: { slug, title: event.title },
    counts,
    warnings: [...report.warnings, ...counts.warnings],
    createdProjects,
  };
}

/** The names a page's facts give people (name and alias), for the garbled pages of the same run. */
export function namesIn(extracted: ExtractedPage): string[] {
  const result = extracted.result;
  if (!result?.ok || !('event' in result)) return [];
  const people = [...(result.event.speakers ?? []), ...(result.event.talks ?? []).flatMap((talk) => talk.speakers ?? [])];
  return people.flatMap((person) => [person.name, person.alias ?? '']).filter((name) => name.length > 1);
}
