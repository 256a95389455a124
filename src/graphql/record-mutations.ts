import type { RecordType } from '../audit/audit-log';
import type { ColumnValue } from '../ingest/upsert-row';
import { type ColumnSpec, inputColumns, insertRow, loadRow, updateRow } from '../database/write-row';
import type { Context } from './context';
import { toGlobalId } from './global-id';
import { found, idOf, runMutation, type Tx } from './mutation';
import type { Payload } from './user-error';

/** How one kind of record is created, updated and deleted. */
export interface RecordSpec<T extends object> {
  type: RecordType;
  entity: new () => T;
  table: string;
  /** Input properties stored as they are (after conversion). */
  columns: Record<string, ColumnSpec>;
  /**
   * Columns computed from the input (natural keys, parent references), and checks that need the
   * database; `id` is null on create. Throws `UserInputProblem` to refuse.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec's own input class
  derive?: (tx: Tx, input: any, id: number | null) => Promise<Record<string, ColumnValue>>;
}

/** `<type>Create`: inserts the record, audits it, returns it. */
export function createRecord<T extends object>(ctx: Context, spec: RecordSpec<T>, input: object): Promise<Payload<T>> {
  return runMutation(ctx, `${lower(spec.type)}Create`, input, async (tx) => {
    const values = { ...inputColumns(input, spec.columns), ...(await spec.derive?.(tx, input, null)) };
    const id = await insertRow(tx.sql, spec.table, values);
    await tx.audit(spec.type, id, null, await tx.snapshot(spec.type, id));
    return (await loadRow(tx.sql, spec.entity, spec.table, id))!;
  });
}

/** `<type>Update`: changes the given fields of the record, audits before and after, returns it. */
export function updateRecord<T extends object>(ctx: Context, spec: RecordSpec<T>, globalId: string, input: object): Promise<Payload<T>> {
  return runMutation(ctx, `${lower(spec.type)}Update`, input, async (tx) => {
    const id = idOf(globalId, spec.type, ['id']);
    // Lock the row first, so two concurrent updates audit a true "before".
    await tx.sql(`SELECT 1 FROM ${spec.table} WHERE id = $1 FOR UPDATE`, [id]);
    const before = found(await tx.snapshot(spec.type, id), spec.type, ['id']);
    const values = { ...inputColumns(input, spec.columns), ...(await spec.derive?.(tx, input, id)) };
    if (Object.keys(values).length) await updateRow(tx.sql, spec.table, id, values);
    await tx.audit(spec.type, id, before, await tx.snapshot(spec.type, id));
    return (await loadRow(tx.sql, spec.entity, spec.table, id))!;
  });
}

/** `<type>Delete`: deletes the record (its links cascade) and its provenance, audits what it was. */
export function deleteRecord(ctx: Context, spec: RecordSpec<object>, globalId: string): Promise<Payload<string>> {
  return runMutation(ctx, `${lower(spec.type)}Delete`, null, async (tx) => {
    const id = idOf(globalId, spec.type, ['id']);
    const rows = await tx.sql<{ row: Record<string, unknown> }>(`DELETE FROM ${spec.table} r WHERE r.id = $1 RETURNING to_jsonb(r) - 'search_text' AS row`, [id]);
    const before = found(rows[0]?.row, spec.type, ['id']);
    await tx.sql(`DELETE FROM record_source WHERE record_type = $1 AND record_id = $2`, [spec.type, id]);
    // Provenance is not a foreign key (it points at several tables), so an event's talks, gone by
    // cascade, take their provenance along here.
    if (spec.type === 'Event') {
      await tx.sql(`DELETE FROM record_source rs WHERE rs.record_type = 'Talk' AND NOT EXISTS (SELECT 1 FROM talk t WHERE t.id = rs.record_id)`);
    }
    await tx.audit(spec.type, id, before, null);
    return toGlobalId(spec.type, id);
  });
}

function lower(type: string): string {
  return type[0].toLowerCase() + type.slice(1);
}
