import type { UncertainChar } from './encoding-repair';
import type { RecordError } from './sources/schedule-read';
import type { WriteCounts } from './write-counts';

/** A project an import created from a page, for an editor to review. */
export interface CreatedProject {
  slug: string;
  name: string;
  repositoryUrl: string | null;
  /** `landscape`: from the CNCF landscape vocabulary; `link`: made from a repository the page links. */
  origin: 'landscape' | 'link';
}

/** What became of one page in an import. */
export type PageStatus = 'imported' | 'unchanged' | 'skipped' | 'failed';

/** The answer of `importPage`: what happened to one page, and why. */
export interface PageReport {
  /** The path the page was read from (or the name an editor gave it). */
  file: string;
  /** The source the page is recorded under: its path relative to the import root, or a URL. */
  sourceUri: string;
  status: PageStatus;
  /** sha256 of the page's bytes. */
  contentHash: string;
  /** The event the page was written to, under the slug it was stored by (which may be an older twin's). */
  event: { slug: string; title: string } | null;
  /** Rows created, updated and linked; null when the page wrote nothing. */
  counts: WriteCounts | null;
  /** 1-based line at fault on a failed page; null when no line is. */
  line: number | null;
  /** Why a page failed or was skipped; null otherwise. */
  reason: string | null;
  /** Characters lost to bad encoding that were filled by a guess, for a person to check. */
  uncertain: UncertainChar[];
  /** Facts the extractor or the writer had to guess or leave out. */
  warnings: string[];
  /** Which reader took the file: "event page", "frab/pentabarf XML", "C3VOC schedule.json", "Sessionize", "iCalendar". */
  reader?: string;
  /** JSON pointer at fault on a failed JSON document. */
  pointer?: string | null;
  /** Records of a schedule that failed alone (with line or JSON pointer); the rest was written. */
  recordErrors?: RecordError[];
  /** Projects this page brought into the graph (none when they were there already). */
  createdProjects: CreatedProject[];
}

/** A report with nothing written yet, to be completed by its producer. */
export function pageReport(file: string, sourceUri: string, contentHash: string, status: PageStatus): PageReport {
  return {
    file,
    sourceUri,
    status,
    contentHash,
    event: null,
    counts: null,
    line: null,
    reason: null,
    uncertain: [],
    warnings: [],
    createdProjects: [],
  };
}
