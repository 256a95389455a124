import type { SqlRunner } from '../database/database';
import { personKey } from '../database/name-key';
import { tables } from '../database/tables';
import { MergeRule } from '../merges/merge-rule.enum';
import { mergeSpeakers, speakersKeptApart } from '../merges/speaker-merge';
import type { SpeakerFact } from './event-facts';

const { speaker } = tables;
const NAMED_OR_ALIASED = `SELECT ${speaker.list('id', 'name', 'alias', 'name_key')} FROM ${speaker.name} WHERE ${speaker.col.name_key} = $1 OR lower(${speaker.col.alias}) = $1 ORDER BY ${speaker.col.id}`;

/** What linking by alias did to a resolved person. */
export interface AliasLink {
  /** The record the person is now: the resolved one, or the real-name record it was merged into. */
  id: number;
  /** Records merged away, each into `id`. */
  absorbed: number[];
  /** Why a possible link was not made. */
  warning?: string;
}

/**
 * Makes one record of a person known by alias on one page and by real name with that alias on
 * another, in either order. When the fact writes the real name with the alias (曾凡松（逐灵）),
 * records known only by that alias (named 逐灵, or with 逐灵 as name and alias) are merged into
 * the resolved real-name record; when the fact gives only the alias and was resolved to such a
 * record, it is merged into the one real-name record that goes by the alias. Two real-name
 * records sharing the alias make it ambiguous: nothing is merged, and data quality counts the
 * alias-only record (`speakersWithAmbiguousAlias`). A pair an editor unmerged stays apart.
 */
export async function linkAlias(sql: SqlRunner, fact: SpeakerFact, resolvedId: number, sourceId: number | null): Promise<AliasLink> {
  const nameKey = personKey(fact.name);
  const aliasKey = fact.alias ? personKey(fact.alias) : nameKey;
  const rows = await sql<{ id: number; name: string; alias: string | null; name_key: string }>(NAMED_OR_ALIASED, [aliasKey]);
  const aliasOnly = rows.filter((r) => r.name_key === aliasKey && (r.alias === null || personKey(r.alias) === aliasKey));
  const realNamed = rows.filter((r) => r.alias !== null && personKey(r.alias) === aliasKey && r.name_key !== aliasKey);
  const link: AliasLink = { id: resolvedId, absorbed: [] };
  const merge = async (keptId: number, absorbed: (typeof rows)[number]) => {
    if (await speakersKeptApart(sql, keptId, absorbed.id)) return;
    const kept = rows.find((r) => r.id === keptId)!;
    await mergeSpeakers(sql, keptId, absorbed.id, {
      rule: MergeRule.ALIAS_OF_NAME,
      evidence: { name: kept.name, alias: fact.alias ?? fact.name, absorbed: absorbed.name },
      sourceId,
    });
    link.absorbed.push(absorbed.id);
  };

  if (nameKey !== aliasKey) {
    if (!realNamed.some((r) => r.id === resolvedId)) return link;
    const others = aliasOnly.filter((r) => r.id !== resolvedId);
    if (!others.length) return link;
    if (realNamed.length > 1) return { ...link, warning: ambiguous(fact.alias!, realNamed) };
    for (const other of others) await merge(resolvedId, other);
    return link;
  }
  const resolved = aliasOnly.find((r) => r.id === resolvedId);
  if (!resolved || !realNamed.length) return link;
  if (realNamed.length > 1) return { ...link, warning: ambiguous(fact.name, realNamed) };
  await merge(realNamed[0].id, resolved);
  return link.absorbed.length ? { ...link, id: realNamed[0].id } : link;
}

function ambiguous(alias: string, people: { name: string }[]): string {
  return `"${alias}" is the alias of ${people.map((p) => `"${p.name}"`).join(' and ')}; its alias-only record is left unlinked.`;
}
