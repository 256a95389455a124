import { snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { schema } from '../database/tables';
import { keepsFacts, moveFacts, rechooseFacts } from '../facts/fact-moves';
import { dropLinks, linksSnapshot, moveExternalIds, takeBackLinks, writeLinks } from './merge-links';
import type { MergeDecision, MergeDone, MergedTable, MergeSpec, UnmergeDone } from './merge-spec';
import { insertMerge, markUndone, mergeToUndo, unmergeProblem } from './merge-store';

/**
 * Folds record `absorbedId` into `keptId`: every link the spec names moves over (where the kept
 * record has the same link, its own stands), external ids follow, the spec's hooks move what is
 * particular to the kind (an event's talks), the absorbed row is deleted, the kept record takes
 * the fields it lacks, and the decision is recorded with what `unmergeRecords` restores from.
 * Both rows must exist.
 */
export async function mergeRecords<N extends MergedTable>(
  sql: SqlRunner,
  spec: MergeSpec<N>,
  keptId: number,
  absorbedId: number,
  decision: MergeDecision,
): Promise<MergeDone> {
  const { name } = spec.table;
  // Both rows locked in id order, so two merges of the same pair cannot deadlock.
  await sql(`SELECT 1 FROM ${name} WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [[keptId, absorbedId]]);
  await spec.prepare?.(sql, keptId, absorbedId);
  const keptBefore = await snapshot(sql, spec.type, keptId);
  const absorbed = await snapshot(sql, spec.type, absorbedId);
  if (!keptBefore || !absorbed) throw new Error(`${spec.type} ${keptBefore ? absorbedId : keptId} does not exist.`);
  const [{ links }] = await sql<{ links: Record<string, unknown> }>(linksSnapshot(spec.links, spec.type), [keptId, absorbedId]);
  await writeLinks(sql, spec.links, keptId, links, true);
  await dropLinks(sql, spec.links, absorbedId);
  await moveExternalIds(sql, spec.type, absorbedId, keptId);
  // Its values of each field move too (the rule then chooses among both records'); an unmerge moves them back.
  const facts = keepsFacts(spec.type) ? await moveFacts(sql, spec.type, absorbedId, keptId) : [];
  const particular = await spec.absorb?.(sql, keptId, absorbedId, decision);
  await sql(`DELETE FROM ${name} WHERE id = $1`, [absorbedId]);
  const fills = Object.entries(spec.fills) as [string, (k: string, d: string) => string][];
  if (fills.length) {
    await sql(
      `UPDATE ${name} k SET ${fills.map(([column, fill]) => `${column} = ${fill(`k.${column}`, `d.${column}`)}`).join(', ')}, updated_at = now()
       FROM jsonb_populate_record(NULL::${name}, $2::jsonb) AS d WHERE k.id = $1`,
      [keptId, JSON.stringify(absorbed)],
    );
  }
  // One record of what was two: the rule (facts/fact-choice.ts) chooses among all their values,
  // as it would have had one source written into the other; an editor who wants another sets the field.
  const rechosen = facts.length > 0;
  if (rechosen && keepsFacts(spec.type)) await rechooseFacts(sql, spec.type, keptId);
  const keptAfter = await snapshot(sql, spec.type, keptId);
  const mergeId = await insertMerge(
    sql,
    spec.kind,
    keptId,
    absorbedId,
    { row: absorbed, links: { ...links, ...particular?.links, ...(facts.length ? { facts, rechosen } : {}) } },
    { before: keptBefore, after: keptAfter },
    decision,
  );
  return { type: spec.type, mergeId, keptId, absorbedId, keptBefore, keptAfter, absorbed, nested: particular?.nested ?? [] };
}

/**
 * Undoes merge `mergeId`: the absorbed record comes back under its own id with its row, links and
 * external ids as they were; the kept record loses what it gained from it, except fields changed
 * since. The merge stays recorded as undone, which keeps imports from merging the two again.
 * Refuses (changing nothing) a merge that is unknown, of another kind, already undone, or
 * superseded: its kept record is gone, a record it pointed at is, or another record holds its
 * name now.
 */
export async function unmergeRecords<N extends MergedTable>(
  sql: SqlRunner,
  spec: MergeSpec<N>,
  mergeId: number,
  actor: string,
): Promise<UnmergeDone> {
  const merge = await mergeToUndo(sql, mergeId, spec.kind, spec.plural);
  const { name } = spec.table;
  const { kept_id: keptId, absorbed_id: restoredId } = merge;
  await sql(`SELECT 1 FROM ${name} WHERE id = $1 FOR UPDATE`, [keptId]);
  const keptBefore = await snapshot(sql, spec.type, keptId);
  if (!keptBefore) throw unmergeProblem(`The kept ${spec.type.toLowerCase()} was deleted or merged into another since; undo that first.`);
  const row = merge.absorbed.row;
  for (const parent of spec.parents ?? []) {
    const [present] = await sql(`SELECT 1 FROM ${parent.table} WHERE id = $1`, [row[parent.column]]);
    if (!present) throw unmergeProblem(parent.gone);
  }
  const key = spec.unique.columns.join(', ');
  const holders = await sql(
    `SELECT 1 FROM ${name} WHERE id = $1 OR (${key}) = (SELECT ${key} FROM jsonb_populate_record(NULL::${name}, $2::jsonb))`,
    [restoredId, JSON.stringify(row)],
  );
  if (holders.length) throw unmergeProblem(spec.unique.taken(row));

  // A field goes back only while it still holds what the merge gave it.
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const reverted = Object.keys(spec.fills).filter(
    (f) => same(keptBefore[f], merge.kept_after[f]) && !same(merge.kept_after[f], merge.kept_before[f]),
  );
  if (reverted.length) {
    await sql(
      `UPDATE ${name} k SET ${reverted.map((f) => `${f} = b.${f}`).join(', ')}, updated_at = now()
       FROM jsonb_populate_record(NULL::${name}, $2::jsonb) AS b WHERE k.id = $1`,
      [keptId, JSON.stringify(merge.kept_before)],
    );
  }
  const columns = Object.entries(schema[name] as Record<string, string>)
    .filter(([, type]) => !type.endsWith(' generated'))
    .map(([column]) => column);
  await sql(
    `INSERT INTO ${name} (${columns.join(', ')})
     SELECT ${columns.map((c) => (c === 'updated_at' ? 'now()' : `r.${c}`)).join(', ')} FROM jsonb_populate_record(NULL::${name}, $1::jsonb) AS r`,
    [JSON.stringify(row)],
  );
  const links = merge.absorbed.links;
  await takeBackLinks(sql, spec.links, keptId, links);
  await writeLinks(sql, spec.links, restoredId, links, false);
  await moveExternalIds(sql, spec.type, keptId, restoredId, links.externalIds as { source: string; id: string }[]);
  if (keepsFacts(spec.type) && Array.isArray(links.facts) && links.facts.length) {
    await moveFacts(sql, spec.type, keptId, restoredId, links.facts as number[]);
    if (links.rechosen) {
      await rechooseFacts(sql, spec.type, keptId);
      await rechooseFacts(sql, spec.type, restoredId);
    }
  }
  const nested = (await spec.restore?.(sql, keptId, restoredId, links, actor)) ?? [];
  await markUndone(sql, mergeId, actor);
  return {
    type: spec.type,
    keptId,
    restoredId,
    keptBefore,
    keptAfter: await snapshot(sql, spec.type, keptId),
    restored: await snapshot(sql, spec.type, restoredId),
    nested,
  };
}
