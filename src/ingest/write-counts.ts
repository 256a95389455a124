import type { RowChange } from '../database/upsert-row';

/** The kinds of record a write counts. */
export const COUNTED_KINDS = ['communities', 'projects', 'events', 'talks', 'speakers'] as const;

/** One kind of record. */
export type CountedKind = (typeof COUNTED_KINDS)[number];

/** How many records of each kind a write created and updated. */
export interface WriteCounts {
  created: Record<CountedKind, number>;
  updated: Record<CountedKind, number>;
  /** Links (talk–speaker, talk–project, speaker–project, aliases, provenance) added, changed or removed. */
  links: number;
  /** Talks withdrawn: no longer listed by the source that alone gave them. */
  withdrawn: number;
  /** Facts that could not be linked, e.g. a talk naming a project the dictionary lacks. */
  warnings: string[];
}

/** Counts with nothing in them. */
export function emptyCounts(): WriteCounts {
  const zero = () => Object.fromEntries(COUNTED_KINDS.map((kind) => [kind, 0])) as Record<CountedKind, number>;
  return { created: zero(), updated: zero(), links: 0, withdrawn: 0, warnings: [] };
}

/** Records one row's change. */
export function count(counts: WriteCounts, kind: CountedKind, change: RowChange): void {
  if (change !== 'unchanged') counts[change][kind]++;
}

/** Whether a write changed anything at all. */
export function changedAnything(counts: WriteCounts): boolean {
  return counts.links > 0 || counts.withdrawn > 0 || COUNTED_KINDS.some((kind) => counts.created[kind] + counts.updated[kind] > 0);
}

/** Adds two counts together. */
export function mergeCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  const sum = emptyCounts();
  for (const kind of COUNTED_KINDS) {
    sum.created[kind] = a.created[kind] + b.created[kind];
    sum.updated[kind] = a.updated[kind] + b.updated[kind];
  }
  sum.links = a.links + b.links;
  sum.withdrawn = a.withdrawn + b.withdrawn;
  sum.warnings = [...a.warnings, ...b.warnings];
  return sum;
}
