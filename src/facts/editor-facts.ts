import type { SqlRunner } from '../database/database';
import { FACT_FIELDS, type FactColumn, FIELD_OF_COLUMN, type FactRecordType, factValue } from './fact-field.enum';
import { writeEditorFacts } from './fact-values.store';

/**
 * Records as an editor's values the fact fields an input set on a talk or an event (a field set
 * to null included: cleared on purpose), read from the record as written. `columns` maps each
 * input property to its column; other record types keep no facts.
 */
export async function recordEditorFacts(
  sql: SqlRunner,
  recordType: string,
  recordId: number,
  editor: string,
  input: object,
  columns: Record<string, string | { column: string }>,
  record: object,
): Promise<void> {
  if (recordType !== 'Talk' && recordType !== 'Event') return;
  const fields = FACT_FIELDS[recordType as FactRecordType];
  const values = new Map<FactColumn, string | null>();
  for (const [property, spec] of Object.entries(columns)) {
    if ((input as Record<string, unknown>)[property] === undefined) continue;
    const column = (typeof spec === 'string' ? spec : spec.column) as FactColumn;
    if (!fields.includes(FIELD_OF_COLUMN[column])) continue;
    values.set(column, factValue(column, (record as Record<string, string | Date | null>)[property]));
  }
  await writeEditorFacts(sql, recordType as FactRecordType, recordId, editor, values);
}
