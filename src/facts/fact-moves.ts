import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { FACT_COLUMNS, FACT_FIELDS, type FactRecordType } from './fact-field.enum';
import { applyRemaining, type StoredFact } from './fact-values.store';

const { fact_value } = tables;
const fv = fact_value.as('fv');

/** Whether records of `type` keep fact values (talks and events do). */
export function keepsFacts(type: string): type is FactRecordType {
  return type === 'Talk' || type === 'Event';
}

/**
 * Moves the values given to record `fromId` over to `toId`, where `toId` has none from the same
 * giver (source, or editor) for that field: those stay with `fromId`, which an unmerge brings back
 * under its own id. Returns the ids of the rows moved, which an unmerge moves back.
 */
export async function moveFacts(
  sql: SqlRunner,
  type: FactRecordType,
  fromId: number,
  toId: number,
  only?: readonly number[],
): Promise<number[]> {
  const rows = await sql<{ id: number }>(
    `UPDATE ${fv} SET ${fact_value.col.record_id} = $3 WHERE ${fv.record_type} = $1 AND ${fv.record_id} = $2
       AND ($4::int[] IS NULL OR ${fv.id} = ANY($4::int[]))
       AND NOT EXISTS (SELECT 1 FROM ${fact_value.name} o WHERE o.record_type = ${fv.record_type} AND o.record_id = $3
         AND o.field = ${fv.field} AND o.source_id IS NOT DISTINCT FROM ${fv.source_id})
     RETURNING ${fv.id}`,
    [type, fromId, toId, only ?? null],
  );
  return rows.map((row) => row.id);
}

/** Puts into each of the record's fact columns the value the rule chooses among those it has (after a merge or unmerge moved some). */
export async function rechooseFacts(sql: SqlRunner, type: FactRecordType, id: number): Promise<void> {
  const rows = await sql<StoredFact>(
    `SELECT ${fv.record_type} AS "recordType", ${fv.record_id} AS "recordId", ${fv.field}, ${fv.source_id} AS "sourceId", ${fv.editor},
       ${fv.specificity}, ${fv.value}, ${fv.recorded_at} AS "recordedAt"
     FROM ${fv} WHERE ${fv.record_type} = $1 AND ${fv.record_id} = $2`,
    [type, id],
  );
  if (!rows.length) return;
  const facts = rows.map((row) => ({ ...row, recordedAt: new Date(row.recordedAt) }));
  for (const field of FACT_FIELDS[type]) await applyRemaining(sql, type, id, FACT_COLUMNS[field], facts);
}
