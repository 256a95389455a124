import DataLoader from 'dataloader';
import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { type KeyKind, keyTags } from './response-cache/keyed-tables';

/**
 * A loader of entities by database key: one `= ANY($1)` statement per batch; missing keys load as
 * null. With `keyKind`, the statement reads the keyed tables only about those keys (see `SqlRunner`).
 */
export function byIdLoader<T extends object>(
  sql: SqlRunner,
  entity: new () => T,
  table: string,
  keyKind?: KeyKind,
): DataLoader<number, T | null> {
  const text = `SELECT ${selectColumns(entity, 'x')} FROM ${table} x WHERE x.id = ANY($1::int[])`;
  return new DataLoader(async (ids) => {
    const rows = await sql<{ id: number }>(text, [ids], keyKind && { keys: () => keyTags(keyKind)(ids) });
    const byId = new Map(rows.map((row) => [row.id, toEntity(entity, row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A loader of lists by parent key. `text` selects rows with a `__key` column and takes the
 * batch of keys as `$1`; rows come back grouped per key in statement order. With `keyKind`, the
 * keys are ids of that kind and the statement reads the keyed tables only about them.
 */
export function groupedLoader<K extends number | string, R, T>(
  sql: SqlRunner,
  text: string,
  map: (row: R) => T,
  keyKind?: KeyKind,
): DataLoader<K, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await sql<R & { __key: K }>(text, [keys], keyKind && { keys: () => keyTags(keyKind)(keys.map(Number)) });
    const groups = new Map<K, T[]>();
    for (const row of rows) {
      const list = groups.get(row.__key) ?? [];
      list.push(map(row));
      groups.set(row.__key, list);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
