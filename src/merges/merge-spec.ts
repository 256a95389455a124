import type { RecordType, Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { type ColumnName, schema, type Table, type TableName, type TableWith, tables } from '../database/tables';
import type { MergeRule } from './merge-rule.enum';

/** What `merge_evidence.kind` calls each kind of record that can be merged. */
export type MergeKind = 'SPEAKER' | 'TALK' | 'EVENT';

/** Tables of records that can be merged: a row with an id, stamped on update. */
export type MergedTable = TableWith<'id' | 'updated_at'>;

/** Why a merge is made and by whom: what `merge_evidence` records beside the records. */
export interface MergeDecision {
  rule: MergeRule;
  /** What matched: the two names, the alias, the ids, the fields of an event. */
  evidence: Record<string, unknown>;
  /** The source whose import made the merge; null for an editor's. */
  sourceId?: number | null;
  /** The editor's key name; null for an import. */
  actor?: string | null;
}

/**
 * A table linking the merged records to others (credits, project tags, provenance), as a merge
 * moves it to the kept record and an unmerge gives it back. The snapshot stores the absorbed
 * record's rows under `rows`, and the other ends the kept record had already under `kept`, so
 * that undoing takes back exactly what moved.
 */
export interface LinkTable {
  rows: string;
  kept: string;
  table: TableName;
  /** The column naming the merged record, and the one naming the other end. */
  owner: string;
  other: string;
  /** Columns copied along (role, position, locator). */
  extra: readonly string[];
  /** The other end's table: a link to a row deleted since is not restored. */
  otherTable: TableName;
  /** Only rows with this record type (provenance, which points at several tables). */
  recordType?: RecordType;
  /**
   * The table a withdrawn talk's links are parked in, with its snapshot key: each link is written
   * to the one its talk's state says (`talk_id` names the talk).
   */
  parked?: { table: TableName; rows: string };
  /** What a link the kept record has already does with the moving one: the conflict clause; by default it stands. */
  onConflict?: string;
}

/** A column the kept record takes from the absorbed one, as SQL over the kept row `k` and the absorbed row `d`. */
export type Fill = (k: string, d: string) => string;

/** Work beside the generic steps: what an event merge does with its talks. */
export interface MergeHooks {
  /** Once both rows are locked, before anything is read of them. */
  prepare?(sql: SqlRunner, keptId: number, absorbedId: number): Promise<void>;
  /** After the links moved, before the absorbed row is deleted; returns what to store beside the links. */
  absorb?(sql: SqlRunner, keptId: number, absorbedId: number, decision: MergeDecision): Promise<{ links: object; nested: MergeDone[] }>;
  /** After the absorbed row is back; `links` as `absorb` stored them. */
  restore?(sql: SqlRunner, keptId: number, restoredId: number, links: Record<string, unknown>, actor: string): Promise<UnmergeDone[]>;
}

/** How one kind of record is merged and unmerged. */
export interface MergeSpec<N extends MergedTable = MergedTable> extends MergeHooks {
  kind: MergeKind;
  type: RecordType;
  table: Table<N>;
  /** `speakers`, `talks`: how messages name several records of the kind. */
  plural: string;
  /** The fields the kept record takes from the absorbed one (and an unmerge gives back while unchanged since). */
  fills: Partial<Record<ColumnName<N>, Fill>>;
  links: readonly LinkTable[];
  /** Columns that must be free for the absorbed row to come back, and what to say when they are not. */
  unique: { columns: readonly ColumnName<N>[]; taken(row: Record<string, unknown>): string };
  /** Rows the absorbed row points at, which must still exist for it to come back. */
  parents?: readonly { column: ColumnName<N>; table: TableName; gone: string }[];
}

/** A merge as done: the kept record before and after, the absorbed record as it was, and merges made along. */
export interface MergeDone {
  type: RecordType;
  mergeId: number;
  keptId: number;
  absorbedId: number;
  keptBefore: Snapshot;
  keptAfter: Snapshot;
  absorbed: Snapshot;
  nested: MergeDone[];
}

/** What an unmerge did: the kept record before and after, the record restored, and merges undone along. */
export interface UnmergeDone {
  type: RecordType;
  keptId: number;
  restoredId: number;
  keptBefore: Snapshot;
  keptAfter: Snapshot;
  restored: Snapshot;
  nested: UnmergeDone[];
}

/** The field is the kept one's, or the absorbed one's when the kept record has none. */
export const coalesce: Fill = (k, d) => `coalesce(${k}, ${d})`;

/** Both lists, the kept one's first, each element once (tags). */
export const unionArray: Fill = (k, d) => `${k} || ARRAY(SELECT x FROM unnest(${d}) x WHERE NOT x = ANY(${k}))`;

/** Both JSON arrays, the kept one's first, each element once (links); null when both are. */
export const unionJsonArray: Fill = (k, d) =>
  `CASE WHEN ${d} IS NULL THEN ${k} WHEN ${k} IS NULL THEN ${d} ELSE ${k} || coalesce((SELECT jsonb_agg(x) FROM jsonb_array_elements(${d}) x WHERE NOT ${k} @> jsonb_build_array(x)), '[]') END`;

/** The SQL type of a column, for reading it out of JSON. */
export function columnType(table: TableName, column: string): string {
  const type = (schema[table] as Record<string, string>)[column];
  if (!type) throw new Error(`${table} has no column ${column}`);
  const bare = type.replace('?', '').split(' ')[0];
  return bare === 'int4' ? 'int' : bare;
}

/** Provenance of records of `type`, as a link table. */
export function provenanceLinks(type: RecordType): LinkTable {
  const { col } = tables.record_source;
  return {
    rows: 'sources',
    kept: 'keptSources',
    table: tables.record_source.name,
    owner: col.record_id,
    other: col.source_id,
    extra: [col.locator],
    otherTable: tables.source.name,
    recordType: type,
  };
}
