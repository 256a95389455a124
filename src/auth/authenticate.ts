import { GraphQLError } from 'graphql';
import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { parseToken, secretMatches } from './api-key-token';
import type { Role } from '../graphql/role.enum';
import type { Viewer } from '../graphql/viewer';

const { api_key } = tables;
const KEY_BY_LOOKUP = `SELECT ${api_key.list('id', 'name', 'role', 'secret_hash')}, ${api_key.col.revoked_at} IS NOT NULL AS revoked FROM ${api_key.name} WHERE ${api_key.col.lookup} = $1`;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/**
 * The viewer an `Authorization` header names: null without one (anonymous reads are open), the
 * key's holder with a valid one. A wrong, malformed or revoked key is refused outright rather
 * than quietly downgraded to anonymous, so a client learns at once that its key is bad.
 */
export async function authenticate(sql: SqlRunner, authorization: string | undefined): Promise<Viewer | null> {
  if (authorization === undefined || authorization === '') return null;
  const match = /^Bearer (\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be `Bearer <API key>`.');
  const parsed = parseToken(match[1]);
  if (!parsed) throw unauthenticated('That is not an eventgraph API key.');
  const rows = await sql<{ id: number; name: string; role: Role; secret_hash: Buffer; revoked: boolean }>(KEY_BY_LOOKUP, [parsed.lookup]);
  const key = rows[0];
  if (!secretMatches(parsed.secret, key ? Buffer.from(key.secret_hash) : null)) throw unauthenticated('Unknown API key.');
  if (key.revoked) throw unauthenticated('This API key has been revoked.');
  return { keyId: key.id, name: key.name, role: key.role };
}
