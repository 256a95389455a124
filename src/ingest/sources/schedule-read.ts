import type { GraphFacts } from '../event-facts';

/** A schedule document handed to a reader, with what the document itself may not say. */
export interface ScheduleInput {
  /** The document's bytes. */
  bytes: Buffer;
  /** Slug of the community the schedule's event belongs to. */
  community: string;
  /** IANA time zone for times the document gives without an offset (and names no zone for). */
  timeZone: string;
  /** What the document is recorded under as a source. */
  sourceUri: string;
}

/** A record of the document that was left out, and why; the rest of the document was read. */
export interface RecordError {
  /** 1-based line of the record (XML, iCalendar). */
  line?: number;
  /** JSON pointer of the record (JSON formats). */
  pointer?: string;
  reason: string;
}

/** A document read into facts, with what was left out. */
export interface ScheduleFacts {
  ok: true;
  facts: GraphFacts;
  /** Facts a reader had to guess or could not use; the document stays importable. */
  warnings: string[];
  /** Records that failed; nothing of them is in `facts`. */
  errors: RecordError[];
}

/** A document that cannot be imported at all. */
export interface ScheduleFailure {
  ok: false;
  line?: number;
  pointer?: string;
  reason: string;
}

/** What a reader answers: never an exception for bad input. */
export type ScheduleRead = ScheduleFacts | ScheduleFailure;

/** Adds a warning once per kind with how often it occurred, so a 900-talk file does not list 900 lines. */
export class WarningTally {
  private readonly counts = new Map<string, number>();

  /** Counts one occurrence of `warning`. */
  add(warning: string): void {
    this.counts.set(warning, (this.counts.get(warning) ?? 0) + 1);
  }

  /** The warnings, each with its count when it occurred more than once. */
  list(): string[] {
    return [...this.counts].map(([warning, n]) => (n > 1 ? `${warning} (${n} times)` : warning));
  }
}
