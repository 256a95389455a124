import type { SqlRunner } from '../database/database';
import { personKey } from '../database/name-key';
import type { SpeakerFact } from './event-facts';
import type { RowChange } from '../database/upsert-row';

/**
 * Finds the one person a fact is about, by real name first and alias (花名) second, and brings
 * the record up to date without erasing what other pages said; creates the person when new.
 * A record known only by alias ("有济") gains the real name ("赵真灵") when a page gives it,
 * whether it was stored as alias-only or under the alias as its name (an agenda that credits
 * "有济 蚂蚁集团 专家" reads as a bare name).
 */
export async function resolveSpeaker(sql: SqlRunner, fact: SpeakerFact): Promise<{ id: number; change: RowChange }> {
  const nameKey = personKey(fact.name);
  const aliasKey = fact.alias ? personKey(fact.alias) : null;
  const found = await sql<{ id: number; name_key: string; alias: string | null }>(
    `SELECT id, name_key, alias FROM speaker
     WHERE name_key = $1 OR lower(alias) = $1 OR ($2::text IS NOT NULL AND (lower(alias) = $2 OR name_key = $2))
     ORDER BY (name_key = $1) DESC, id LIMIT 1`,
    [nameKey, aliasKey],
  );
  const existing = found[0];
  // A fact that gives an alias as its name (no real name known) must not rename a real name.
  const knownOnlyByAlias = existing && existing.alias !== null && existing.name_key === personKey(existing.alias);
  const factIsAliasOnly = aliasKey === null && existing && existing.alias !== null && personKey(existing.alias) === nameKey;
  if (!existing) {
    const rows = await sql<{ id: number }>(
      `INSERT INTO speaker (name, alias, name_key, affiliation, title, bio) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [fact.name, fact.alias ?? null, nameKey, fact.affiliation ?? null, fact.title ?? null, fact.bio ?? null],
    );
    return { id: rows[0].id, change: 'created' };
  }
  // Stored under the name this fact gives as the alias: that "name" was the alias all along.
  const namedByAlias = aliasKey !== null && aliasKey !== nameKey && existing.name_key === aliasKey;
  const rename = !factIsAliasOnly && (existing.name_key === nameKey || knownOnlyByAlias || namedByAlias);
  const rows = await sql<{ id: number }>(
    `UPDATE speaker SET
       name = CASE WHEN $2 THEN $3 ELSE name END,
       name_key = CASE WHEN $2 THEN $4 ELSE name_key END,
       alias = coalesce($5, alias),
       affiliation = coalesce($6, affiliation),
       title = coalesce($7, title),
       bio = coalesce($8, bio),
       updated_at = now()
     WHERE id = $1 AND (name, name_key, alias, affiliation, title, bio) IS DISTINCT FROM
       (CASE WHEN $2 THEN $3 ELSE name END, CASE WHEN $2 THEN $4 ELSE name_key END, coalesce($5, alias),
        coalesce($6, affiliation), coalesce($7, title), coalesce($8, bio))
     RETURNING id`,
    [existing.id, rename, fact.name, nameKey, fact.alias ?? null, fact.affiliation ?? null, fact.title ?? null, fact.bio ?? null],
  );
  return { id: existing.id, change: rows.length ? 'updated' : 'unchanged' };
}
