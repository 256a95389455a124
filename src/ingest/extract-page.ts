import { createHash } from 'crypto';
import { knownTimeZone } from './community-time-zone';
import { repairEncoding } from './encoding-repair';
import { splitFrontMatter } from './front-matter';
import { deadlineIn, OverBudget, type Deadline } from './page-budget';
import { MAX_PAGE_BYTES, PAGE_TIME_BUDGET_MS } from './page-limit';
import { PageResult } from './page-result';
import { namesOf, PROJECTS } from './project-dictionary';
import { defaultProjectMatcher } from './project-tagger';
import { readEventPage } from './sources/hugo-event-page/read-event-page';

export { MAX_PAGE_BYTES };

/** One page to extract, as read from disk or handed over by an editor. */
export interface PageInput {
  path: string;
  text: string | Buffer;
  /** Slug of the community whose site the page comes from, e.g. "sofastack". */
  community: string;
  /** IANA zone of the community, its pages' times are read in (default: the one its data gives, else UTC). */
  timeZone?: string;
  /** Names the caller already knows (speakers, projects): they fill characters lost to bad encoding. */
  knownNames?: string[];
  /** Milliseconds the extraction may take before the page fails as over budget (`PAGE_TIME_BUDGET_MS`). */
  budgetMs?: number;
}

const matcher = defaultProjectMatcher();
const projectNames = PROJECTS.flatMap(namesOf);

/**
 * Extracts one event page into an `EventFact`, with a report on its encoding and a content
 * hash. Bad input yields `{ ok: false, file, line, reason }`; it never throws for it. The whole
 * extraction has a time budget: the deadline is checked between its steps and, within encoding
 * repair, per lost character, and a page past it fails like any bad page.
 */
export function extractPage(input: PageInput): PageResult {
  const bytes = typeof input.text === 'string' ? Buffer.from(input.text, 'utf8') : input.text;
  const file = input.path;
  const contentHash = contentHashOf(bytes);
  const fail = (line: number | null, reason: string): PageResult => ({ ok: false, file, line, reason, contentHash });
  if (bytes.length === 0) return fail(null, 'empty file');
  if (bytes.length > MAX_PAGE_BYTES) return fail(null, `file is ${bytes.length} bytes, over the ${MAX_PAGE_BYTES}-byte limit`);
  try {
    return extractWithin(input, bytes, contentHash, deadlineIn(input.budgetMs ?? PAGE_TIME_BUDGET_MS), fail);
  } catch (error) {
    if (error instanceof OverBudget) return fail(error.line, error.message);
    throw error;
  }
}

function extractWithin(
  input: PageInput,
  bytes: Buffer,
  contentHash: string,
  deadline: Deadline,
  fail: (line: number | null, reason: string) => PageResult,
): PageResult {
  const file = input.path;
  const decoded = decodeText(bytes);
  if ('reason' in decoded) return fail(decoded.line, decoded.reason);
  deadline.check('decoding it');
  const { text, report } = repairEncoding(decoded.text, { knownWords: [...(input.knownNames ?? []), ...projectNames], deadline });
  if (report.error) return fail(report.errorLine ?? 1, report.error);
  if (!text.trim()) return fail(null, 'file holds only whitespace');
  const split = splitFrontMatter(text);
  if ('reason' in split) return fail(split.line, split.reason);
  deadline.check('reading its front matter', 1);
  const extraction = readEventPage(split, text, {
    path: input.path,
    community: input.community,
    timeZone: input.timeZone ?? knownTimeZone(input.community),
    projects: matcher,
  });
  deadline.check('reading its event, talks and speakers', split.bodyLine);
  if ('reason' in extraction) return fail(extraction.line, extraction.reason);
  const warnings = report.uncertain.map(
    (u) => `line ${u.line}: "${u.chosen}" is a guess for lost bytes (${u.reason}; else ${u.alternatives.join('')})`,
  );
  if ('skipped' in extraction) return { ok: true, file, skipped: extraction.skipped, encoding: report, warnings, contentHash };
  return {
    ok: true,
    file,
    event: extraction.event,
    projects: extraction.projects,
    encoding: report,
    warnings: [...extraction.warnings, ...warnings],
    contentHash,
  };
}

/** sha256 of a page's bytes, hex: the hash a source is recorded with and compared by. */
export function contentHashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeText(bytes: Buffer): { text: string } | { line: number; reason: string } {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { line: lineOf(bytes, nul), reason: 'binary file: holds NUL bytes' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { line: lineOf(bytes, firstInvalidUtf8(bytes)), reason: 'not text: invalid UTF-8 that is not a known mis-decoding' };
  }
}

function lineOf(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection: decoding a prefix fails only past the bad byte or mid-sequence.
  while (high - low > 4) {
    const mid = (low + high) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid;
    }
  }
  return low;
}
