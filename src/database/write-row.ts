import { type ColumnValue, placeholder, type RowValues } from './upsert-row';
import type { SqlRunner } from './database';
import { selectColumns, toEntity } from './entity-columns';
import { SqlParams } from './sql-params';
import type { Table, TableName, TableWith, WritableColumn } from './tables';

/** How one input property is stored in table `T`: its column, and optionally a cast and a conversion. */
export type ColumnSpec<T extends TableName> =
  | WritableColumn<T>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec converts its own input property's type
  | { column: WritableColumn<T>; cast?: string; convert?: (value: any) => unknown };

/**
 * The columns an input sets: only the properties it holds (`undefined` means "leave as is",
 * `null` means "clear"), converted and cast as `specs` say.
 */
export function inputColumns<T extends TableName>(input: object, specs: Record<string, ColumnSpec<T>>): RowValues<T> {
  const columns: RowValues<T> = {};
  for (const [property, spec] of Object.entries(specs)) {
    const value = (input as Record<string, unknown>)[property];
    if (value === undefined) continue;
    if (typeof spec === 'string') columns[spec] = value;
    else {
      const converted = spec.convert && value !== null ? spec.convert(value) : value;
      columns[spec.column] = spec.cast ? { value: converted, cast: spec.cast } : converted;
    }
  }
  return columns;
}

/** Inserts a row and returns its id. Table and column names come from the vocabulary, values are parameters. */
export async function insertRow<T extends TableWith<'id'>>(sql: SqlRunner, table: Table<T>, values: RowValues<T>): Promise<number> {
  const params = new SqlParams();
  const columns = Object.keys(values) as WritableColumn<T>[];
  const rows = await sql<{ id: number }>(
    `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map((c) => placeholder(params, values[c] as ColumnValue)).join(', ')}) RETURNING id`,
    params.values,
  );
  return rows[0].id;
}

/** Updates the given columns of one row (and `updated_at`); false when there is no such row. */
export async function updateRow<T extends TableWith<'id' | 'updated_at'>>(
  sql: SqlRunner,
  table: Table<T>,
  id: number,
  values: RowValues<T>,
): Promise<boolean> {
  const params = new SqlParams();
  const set = (Object.keys(values) as WritableColumn<T>[]).map((c) => `${c} = ${placeholder(params, values[c] as ColumnValue)}`);
  const rows = await sql(
    `UPDATE ${table.name} SET ${[...set, 'updated_at = now()'].join(', ')} WHERE id = ${params.add(id)} RETURNING 1`,
    params.values,
  );
  return rows.length > 0;
}

/** Loads one row as an entity, or null. */
export async function loadRow<T extends object>(
  sql: SqlRunner,
  entity: new () => T,
  table: Table<TableWith<'id'>>,
  id: number,
): Promise<T | null> {
  const x = table.as('x');
  const rows = await sql(`SELECT ${selectColumns(entity, 'x')} FROM ${x} WHERE ${x.id} = $1`, [id]);
  return rows[0] ? toEntity(entity, rows[0]) : null;
}
