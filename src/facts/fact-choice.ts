/**
 * The one rule that decides which of the values given to a field a record's column holds:
 * 1. an editor's value (set through a mutation) wins over every import, a cleared one included;
 * 2. then the more specific source: a document about this one event (its event page, its
 *    schedule) over a listing or feed (an iCalendar feed, a document holding several events);
 * 3. then the value recorded most recently (a source's value is recorded when it first gives it
 *    or changes it, not on every sync);
 * 4. then the lower source id, so that the choice never depends on the order rows are read in.
 */

/** How specific a document is: about one event (`EVENT`) or a listing of several, or a feed (`LISTING`). */
export const Specificity = { LISTING: 1, EVENT: 2 } as const;

/** One value one source or editor gave one field. */
export interface FactCandidate {
  sourceId: number | null;
  editor: string | null;
  specificity: number;
  value: unknown;
  recordedAt: Date;
}

/**
 * How specific a document is, from its kind and the events it holds: an iCalendar feed is a
 * listing whatever it holds (the lossy fallback), as is any document of more than one event.
 */
export function sourceSpecificity(feed: boolean, events: number): number {
  return feed || events > 1 ? Specificity.LISTING : Specificity.EVENT;
}

/** Orders candidates by the rule: the chosen one first. */
export function compareFacts(a: FactCandidate, b: FactCandidate): number {
  return (
    Number(b.editor !== null) - Number(a.editor !== null) ||
    b.specificity - a.specificity ||
    b.recordedAt.getTime() - a.recordedAt.getTime() ||
    (a.sourceId ?? 0) - (b.sourceId ?? 0)
  );
}

/** The candidate the rule chooses; undefined when there is none. */
export function chooseFact<T extends FactCandidate>(candidates: readonly T[]): T | undefined {
  return [...candidates].sort(compareFacts)[0];
}
