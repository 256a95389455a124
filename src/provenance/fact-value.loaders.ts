import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { groupedLoader } from '../graphql/batch-loaders';
import type { StoredFact } from '../facts/fact-values.store';
import type { FactColumn, FactRecordType } from '../facts/fact-field.enum';

const fv = tables.fact_value.as('fv');
const s = tables.source.as('s');

/** A stored value with the document that gave it, as `factValues` lists it. */
export interface LoadedFact extends StoredFact {
  uri: string | null;
  contentHash: string | null;
  importedAt: Date | null;
}

/** Per-request loader of the values given to records' fields, keyed `<RecordType>:<id>` (e.g. `Talk:42`). */
export function createProvenanceLoaders(sql: SqlRunner) {
  return {
    factValuesByRecord: groupedLoader<
      string,
      {
        recordType: FactRecordType;
        recordId: number;
        field: FactColumn;
        sourceId: number | null;
        editor: string | null;
        specificity: number;
        value: unknown;
        recordedAt: Date;
        uri: string | null;
        contentHash: string | null;
        importedAt: Date | null;
      },
      LoadedFact
    >(
      sql,
      // Split the keys so the join can use the (record_type, record_id) index.
      `SELECT k.key AS "__key", ${fv.record_type} AS "recordType", ${fv.record_id} AS "recordId", ${fv.field}, ${fv.source_id} AS "sourceId",
         ${fv.editor}, ${fv.specificity}, ${fv.value}, ${fv.recorded_at} AS "recordedAt",
         ${s.uri}, ${s.content_hash} AS "contentHash", ${s.imported_at} AS "importedAt"
       FROM unnest($1::text[]) AS k(key)
       JOIN ${fv} ON ${fv.record_type} = split_part(k.key, ':', 1) AND ${fv.record_id} = split_part(k.key, ':', 2)::int
       LEFT JOIN ${s} ON ${s.id} = ${fv.source_id}
       ORDER BY 1, ${fv.field}, ${fv.id}`,
      (row) => ({ ...row, recordedAt: new Date(row.recordedAt) }),
    ),
  };
}

declare module '../graphql/context' {
  /** The loaders of fact values, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createProvenanceLoaders> {}
}
