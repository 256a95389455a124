import { EncodingReport } from './encoding-repair';
import { EventFact } from './event-facts';
import type { PageProject } from './page-projects';

/** What every answer about a page carries. */
interface PageResultBase {
  /** The source path the caller passed. */
  file: string;
  /** sha256 of the page's original bytes, hex; lets a writer skip pages it has seen. */
  contentHash: string;
}

/** A page that yielded an event. */
export interface PageExtracted extends PageResultBase {
  ok: true;
  event: EventFact;
  /** Projects the page names that the hand-kept dictionary lacks (registry entries, and projects created from its links). */
  projects: PageProject[];
  encoding: EncodingReport;
  /** Facts the extractor had to guess or leave out, for a person to check. */
  warnings: string[];
}

/** A readable page that holds no event (a section listing, an undated announcement). */
export interface PageSkipped extends PageResultBase {
  ok: true;
  skipped: string;
  encoding: EncodingReport;
  warnings: string[];
}

/** A page that could not be read; `line` is 1-based, null when no line is at fault. */
export interface PageFailure extends PageResultBase {
  ok: false;
  line: number | null;
  reason: string;
}

/** The answer of `extractPage`: never an exception for bad input. */
export type PageResult = PageExtracted | PageSkipped | PageFailure;
