import type { SqlRunner } from '../database/database';
import { newToken } from './api-key-token';
import { Role } from './role.enum';

/** A key as listed: everything but the secret, which exists only in the holder's hands. */
export interface ApiKeySummary {
  id: number;
  name: string;
  role: Role;
  lookup: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Creates a key; the returned token is the only time the secret is ever seen. */
export async function createApiKey(sql: SqlRunner, name: string, role: Role): Promise<{ key: ApiKeySummary; token: string }> {
  const { token, lookup, secretHash } = newToken();
  const [key] = await sql<ApiKeySummary>(
    `INSERT INTO api_key (name, role, lookup, secret_hash) VALUES ($1, $2, $3, $4)
     RETURNING id, name, role, lookup, created_at AS "createdAt", revoked_at AS "revokedAt"`,
    [name, role, lookup, secretHash],
  );
  return { key, token };
}

/** Revokes a key by id or lookup; returns it, or null when there is no such key. */
export async function revokeApiKey(sql: SqlRunner, ref: string): Promise<ApiKeySummary | null> {
  const id = /^\d{1,9}$/.test(ref) ? Number(ref) : null;
  const rows = await sql<ApiKeySummary>(
    `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 OR lookup = $2
     RETURNING id, name, role, lookup, created_at AS "createdAt", revoked_at AS "revokedAt"`,
    [id, ref],
  );
  return rows[0] ?? null;
}

/** Every key, oldest first. */
export function listApiKeys(sql: SqlRunner): Promise<ApiKeySummary[]> {
  return sql<ApiKeySummary>(`SELECT id, name, role, lookup, created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_key ORDER BY id`);
}
