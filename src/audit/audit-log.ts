import type { Viewer } from '../graphql/viewer';
import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';

/** A row's columns as JSON, without the generated search text. */
export type Snapshot = Record<string, unknown> | null;

/** Tables whose rows the log snapshots, by record type. */
const TABLES = { Event: tables.event, Talk: tables.talk, Speaker: tables.speaker, Project: tables.project } as const;

const { audit_log } = tables;

/** A record type with a table of its own. */
export type RecordType = keyof typeof TABLES;

/** The columns of a row of `type` as JSON, under the alias `r`, without the generated search text. */
function rowJson(type: RecordType): string {
  return `to_jsonb(r) - '${TABLES[type].col.search_text}'`;
}

/** The row of `type` with key `id` as JSON, or null when there is none. */
export async function snapshot(sql: SqlRunner, type: RecordType, id: number): Promise<Snapshot> {
  const r = TABLES[type].as('r');
  const rows = await sql<{ row: Snapshot }>(`SELECT ${rowJson(type)} AS row FROM ${r} WHERE ${r.id} = $1`, [id]);
  return rows[0]?.row ?? null;
}

/** Writes one audit entry; call it inside the transaction of the change it records. */
export async function recordChange(
  sql: SqlRunner,
  viewer: Viewer,
  operation: string,
  recordType: string,
  recordId: number,
  before: Snapshot,
  after: Snapshot,
): Promise<void> {
  await sql(
    `INSERT INTO ${audit_log.name} (${audit_log.list('api_key_id', 'actor', 'operation', 'record_type', 'record_id', 'before', 'after')}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [viewer.keyId, viewer.name, operation, recordType, recordId, before && JSON.stringify(before), after && JSON.stringify(after)],
  );
}

/** The rows of `type` with keys `ids` as JSON, by key; keys without a row are left out. */
export async function snapshots(sql: SqlRunner, type: RecordType, ids: readonly number[]): Promise<Map<number, Snapshot>> {
  if (!ids.length) return new Map();
  const r = TABLES[type].as('r');
  const rows = await sql<{ id: number; row: Snapshot }>(
    `SELECT ${r.id}, ${rowJson(type)} AS row FROM ${r} WHERE ${r.id} = ANY($1::int[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.row]));
}
