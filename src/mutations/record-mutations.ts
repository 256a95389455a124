import type { RecordType } from '../audit/audit-log';
import type { RowValues } from '../database/upsert-row';
import { type Table, type TableWith, tables } from '../database/tables';
import { type ColumnSpec, inputColumns, insertRow, loadRow, updateRow } from '../database/write-row';
import type { Context } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { found, idOf, runMutation, type Tx } from './mutation';
import type { Payload } from '../graphql/user-error';

/** Tables of records that mutations create, update and delete by id. */
type RecordTable = TableWith<'id' | 'updated_at'>;

/** How one kind of record is created, updated and deleted, in table `N`. */
export interface RecordSpec<T extends object, N extends RecordTable = RecordTable> {
  type: RecordType;
  entity: new () => T;
  table: Table<N>;
  /** Input properties stored as they are (after conversion). */
  columns: Record<string, ColumnSpec<N>>;
  /**
   * Columns computed from the input (natural keys, parent references), and checks that need the
   * database; `id` is null on create. Throws `UserInputProblem` to refuse.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec's own input class
  derive?: (tx: Tx, input: any, id: number | null) => Promise<RowValues<N>>;
}

/** `<type>Create`: inserts the record, audits it, returns it. */
export function createRecord<T extends object, N extends RecordTable>(
  ctx: Context,
  spec: RecordSpec<T, N>,
  input: object,
): Promise<Payload<T>> {
  return runMutation(ctx, `${lower(spec.type)}Create`, input, async (tx) => {
    const values = { ...inputColumns(input, spec.columns), ...(await spec.derive?.(tx, input, null)) };
    const id = await insertRow(tx.sql, spec.table, values);
    await tx.audit(spec.type, id, null, await tx.snapshot(spec.type, id));
    return (await loadRow(tx.sql, spec.entity, spec.table, id))!;
  });
}

/** `<type>Update`: changes the given fields of the record, audits before and after, returns it. */
export function updateRecord<T extends object, N extends RecordTable>(
  ctx: Context,
  spec: RecordSpec<T, N>,
  globalId: string,
  input: object,
): Promise<Payload<T>> {
  return runMutation(ctx, `${lower(spec.type)}Update`, input, async (tx) => {
    const id = idOf(globalId, spec.type, ['id']);
    // Lock the row first, so two concurrent updates audit a true "before".
    await tx.sql(`SELECT 1 FROM ${spec.table.name} WHERE id = $1 FOR UPDATE`, [id]);
    const before = found(await tx.snapshot(spec.type, id), spec.type, ['id']);
    const values = { ...inputColumns(input, spec.columns), ...(await spec.derive?.(tx, input, id)) };
    if (Object.keys(values).length) await updateRow(tx.sql, spec.table, id, values);
    await tx.audit(spec.type, id, before, await tx.snapshot(spec.type, id));
    return (await loadRow(tx.sql, spec.entity, spec.table, id))!;
  });
}

/** `<type>Delete`: deletes the record (its links cascade) and its provenance, audits what it was. */
export function deleteRecord<N extends RecordTable>(ctx: Context, spec: RecordSpec<object, N>, globalId: string): Promise<Payload<string>> {
  return runMutation(ctx, `${lower(spec.type)}Delete`, null, async (tx) => {
    const id = idOf(globalId, spec.type, ['id']);
    const r = spec.table.as('r');
    const rows = await tx.sql<{ row: Record<string, unknown> }>(
      `DELETE FROM ${r} WHERE ${r.id} = $1 RETURNING to_jsonb(r) - 'search_text' AS row`,
      [id],
    );
    const before = found(rows[0]?.row, spec.type, ['id']);
    const { record_type, record_id } = tables.record_source.col;
    await tx.sql(`DELETE FROM ${tables.record_source.name} WHERE ${record_type} = $1 AND ${record_id} = $2`, [spec.type, id]);
    // Provenance is not a foreign key (it points at several tables), so an event's talks, gone by
    // cascade, take their provenance along here.
    if (spec.type === 'Event') {
      await tx.sql(
        `DELETE FROM ${rs} WHERE ${rs.record_type} = 'Talk' AND NOT EXISTS (SELECT 1 FROM ${t} WHERE ${t.id} = ${rs.record_id})`,
      );
    }
    await tx.audit(spec.type, id, before, null);
    return toGlobalId(spec.type, id);
  });
}

const rs = tables.record_source.as('rs');
const t = tables.talk.as('t');

function lower(type: string): string {
  return type[0].toLowerCase() + type.slice(1);
}
