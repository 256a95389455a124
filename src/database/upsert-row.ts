import type { SqlRunner } from './database';
import { SqlParams } from './sql-params';
import type { Table, TableName, TableWith, WritableColumn } from './tables';

/** What a write did to one row. */
export type RowChange = 'created' | 'updated' | 'unchanged';

/** A column value with the SQL type to cast its parameter to. */
export type ColumnValue = unknown | { value: unknown; cast: string };

/** Values of some writable columns of table `T`, by column: a misspelt or generated column does not compile. */
export type RowValues<T extends TableName> = { [C in WritableColumn<T>]?: ColumnValue };

/**
 * Inserts a row or updates it in place by its natural key, writing nothing when every value is
 * already as given, so that importing the same facts twice changes nothing (not even
 * `updated_at`). Columns named in `keep` are only filled, never cleared, by a null.
 */
export async function upsertRow<T extends TableWith<'updated_at'>>(
  sql: SqlRunner,
  table: Table<T>,
  key: WritableColumn<T>[],
  values: RowValues<T>,
  keep: WritableColumn<T>[] = [],
): Promise<{ id: number; change: RowChange }> {
  const name = table.name;
  const params = new SqlParams();
  const columns = Object.keys(values) as WritableColumn<T>[];
  const placeholders = columns.map((column) => placeholder(params, values[column]));
  const updatable = columns.filter((column) => !key.includes(column));
  const next = (column: WritableColumn<T>) =>
    keep.includes(column) ? `coalesce(EXCLUDED.${column}, ${name}.${column})` : `EXCLUDED.${column}`;
  const set = updatable.map((column) => `${column} = ${next(column)}`);
  const differs = updatable.length
    ? `(${updatable.map((c) => `${name}.${c}`).join(', ')}) IS DISTINCT FROM (${updatable.map(next).join(', ')})`
    : 'false';
  const rows = await sql<{ id: number; inserted: boolean }>(
    `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${[...set, 'updated_at = now()'].join(', ')} WHERE ${differs}
     RETURNING id, (xmax = 0) AS inserted`,
    params.values,
  );
  if (rows.length) return { id: rows[0].id, change: rows[0].inserted ? 'created' : 'updated' };
  const lookup = new SqlParams();
  const where = key.map((column) => `${column} = ${placeholder(lookup, values[column])}`).join(' AND ');
  const existing = await sql<{ id: number }>(`SELECT id FROM ${name} WHERE ${where}`, lookup.values);
  return { id: existing[0].id, change: 'unchanged' };
}

/** Adds a column value as a parameter, cast when it says so. */
export function placeholder(params: SqlParams, value: ColumnValue): string {
  if (value !== null && typeof value === 'object' && 'cast' in value && 'value' in value) {
    return `${params.add(value.value)}::${value.cast}`;
  }
  return params.add(value);
}
