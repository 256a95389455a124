import { tryGlobalId } from '../graphql/global-id';
import { personKey } from '../database/name-key';
import type { SqlParams } from '../database/sql-params';

/**
 * A condition that speaker `s` is one of `refs`: each a speaker ID, a real name or an alias,
 * case-insensitively (`亦夏` and `王特` are the same person).
 */
export function speakerIsOneOf(alias: string, refs: readonly string[], params: SqlParams): string {
  const ids: number[] = [];
  const names: string[] = [];
  for (const ref of refs) {
    const id = tryGlobalId(ref, 'Speaker');
    if (id !== null) ids.push(id);
    else names.push(personKey(ref));
  }
  return `${alias}.id = ANY(${params.add(ids)}::int[]) OR ${alias}.name_key = ANY(${params.add(names)}::text[]) OR lower(${alias}.alias) = ANY(${params.add(names)}::text[])`;
}
