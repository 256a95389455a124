import type { SqlRunner } from '../database/database';
import { personKey } from '../database/name-key';
import type { SpeakerFact } from './event-facts';
import type { RowChange } from '../database/upsert-row';
import { tables } from '../database/tables';

const { speaker } = tables;
const c = speaker.col;

// By real name first, then by alias; `$1` the fact's name key, `$2` its alias's.
const FIND = `SELECT ${speaker.list('id', 'name_key', 'alias')} FROM ${speaker.name}
     WHERE ${c.name_key} = $1 OR lower(${c.alias}) = $1 OR ($2::text IS NOT NULL AND (lower(${c.alias}) = $2 OR ${c.name_key} = $2))
     ORDER BY (${c.name_key} = $1) DESC, ${c.id} LIMIT 1`;

const CREATE = `INSERT INTO ${speaker.name} (${speaker.list('name', 'alias', 'name_key', 'affiliation', 'title', 'bio')}) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${c.id}`;

// Renamed when `$2`; every other field only filled, never cleared; nothing written when nothing differs.
const UPDATE = `UPDATE ${speaker.name} SET
       ${c.name} = CASE WHEN $2 THEN $3 ELSE ${c.name} END,
       ${c.name_key} = CASE WHEN $2 THEN $4 ELSE ${c.name_key} END,
       ${c.alias} = coalesce($5, ${c.alias}),
       ${c.affiliation} = coalesce($6, ${c.affiliation}),
       ${c.title} = coalesce($7, ${c.title}),
       ${c.bio} = coalesce($8, ${c.bio}),
       ${c.updated_at} = now()
     WHERE ${c.id} = $1 AND (${speaker.list('name', 'name_key', 'alias', 'affiliation', 'title', 'bio')}) IS DISTINCT FROM
       (CASE WHEN $2 THEN $3 ELSE ${c.name} END, CASE WHEN $2 THEN $4 ELSE ${c.name_key} END, coalesce($5, ${c.alias}),
        coalesce($6, ${c.affiliation}), coalesce($7, ${c.title}), coalesce($8, ${c.bio}))
     RETURNING ${c.id}`;

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
  const found = await sql<{ id: number; name_key: string; alias: string | null }>(FIND, [nameKey, aliasKey]);
  const existing = found[0];
  // A fact that gives an alias as its name (no real name known) must not rename a real name.
  const knownOnlyByAlias = existing && existing.alias !== null && existing.name_key === personKey(existing.alias);
  const factIsAliasOnly = aliasKey === null && existing && existing.alias !== null && personKey(existing.alias) === nameKey;
  if (!existing) {
    const rows = await sql<{ id: number }>(CREATE, [
      fact.name,
      fact.alias ?? null,
      nameKey,
      fact.affiliation ?? null,
      fact.title ?? null,
      fact.bio ?? null,
    ]);
    return { id: rows[0].id, change: 'created' };
  }
  // Stored under the name this fact gives as the alias: that "name" was the alias all along.
  const namedByAlias = aliasKey !== null && aliasKey !== nameKey && existing.name_key === aliasKey;
  const rename = !factIsAliasOnly && (existing.name_key === nameKey || knownOnlyByAlias || namedByAlias);
  const rows = await sql<{ id: number }>(UPDATE, [
    existing.id,
    rename,
    fact.name,
    nameKey,
    fact.alias ?? null,
    fact.affiliation ?? null,
    fact.title ?? null,
    fact.bio ?? null,
  ]);
  return { id: existing.id, change: rows.length ? 'updated' : 'unchanged' };
}
