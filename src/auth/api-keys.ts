import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { tryGlobalId } from '../graphql/global-id';
import { newToken } from './api-key-token';
import { Role } from '../graphql/role.enum';

/** A key as listed: everything but the secret, which exists only in the holder's hands. */
export interface ApiKeySummary {
  id: number;
  name: string;
  role: Role;
  lookup: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const { api_key } = tables;
const c = api_key.col;
const k = api_key.as('k');

/** The columns of a summary. */
const SUMMARY = `${api_key.list('id', 'name', 'role', 'lookup')}, ${c.created_at} AS "createdAt", ${c.revoked_at} AS "revokedAt"`;
/** The key a reference names: `$1` its id, `$2` its lookup. */
const BY_REF = `${c.id} = $1 OR ${c.lookup} = $2`;

/** Creates a key; the returned token is the only time the secret is ever seen. */
export async function createApiKey(sql: SqlRunner, name: string, role: Role): Promise<{ key: ApiKeySummary; token: string }> {
  const { token, lookup, secretHash } = newToken();
  const [key] = await sql<ApiKeySummary>(
    `INSERT INTO ${api_key.name} (${api_key.list('name', 'role', 'lookup', 'secret_hash')}) VALUES ($1, $2, $3, $4) RETURNING ${SUMMARY}`,
    [name, role, lookup, secretHash],
  );
  return { key, token };
}

/**
 * The database key a reference names: a key's global ID (GraphQL), its number (`npm run keys --
 * list`), or else null, for a lookup.
 */
function keyId(ref: string): number | null {
  return /^\d{1,9}$/.test(ref) ? Number(ref) : tryGlobalId(ref, 'ApiKey');
}

/** Finds a key by id (global or numeric) or lookup, locked for this transaction; null when there is none. */
export async function findApiKeyForUpdate(sql: SqlRunner, ref: string): Promise<ApiKeySummary | null> {
  const rows = await sql<ApiKeySummary>(`SELECT ${SUMMARY} FROM ${api_key.name} WHERE ${BY_REF} FOR UPDATE`, [keyId(ref), ref]);
  return rows[0] ?? null;
}

/** Revokes a key by id or lookup (a revoked one stays as it was); returns it, or null when there is no such key. */
export async function revokeApiKey(sql: SqlRunner, ref: string): Promise<ApiKeySummary | null> {
  const rows = await sql<ApiKeySummary>(
    `UPDATE ${api_key.name} SET ${c.revoked_at} = coalesce(${c.revoked_at}, now()) WHERE ${BY_REF} RETURNING ${SUMMARY}`,
    [keyId(ref), ref],
  );
  return rows[0] ?? null;
}

/** A key's row as JSON for the audit log, without the secret's hash. */
export async function apiKeySnapshot(sql: SqlRunner, id: number): Promise<Record<string, unknown>> {
  const [{ row }] = await sql<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(k) - '${c.secret_hash}' AS row FROM ${k} WHERE ${k.id} = $1`,
    [id],
  );
  return row;
}

/** Every key, oldest first. */
export function listApiKeys(sql: SqlRunner): Promise<ApiKeySummary[]> {
  return sql<ApiKeySummary>(`SELECT ${SUMMARY} FROM ${api_key.name} ORDER BY ${c.id}`);
}
