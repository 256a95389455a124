import type { Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';
import type { MergeDecision, MergeKind } from './merge-spec';

const { merge_evidence } = tables;
const m = merge_evidence.as('m');

/** A merge as `merge_evidence` stores it. */
export interface StoredMerge {
  kind: MergeKind;
  kept_id: number;
  absorbed_id: number;
  absorbed: { row: Record<string, unknown>; links: Record<string, unknown> };
  kept_before: Record<string, unknown>;
  kept_after: Record<string, unknown>;
  undone_at: Date | null;
}

/** A refusal of an unmerge, on its `merge` input. */
export const unmergeProblem = (message: string, code = UserErrorCode.INVALID) =>
  new UserInputProblem([userError(['input', 'merge'], message, code)]);

/** Records a merge with what undoing it needs; returns its id. */
export async function insertMerge(
  sql: SqlRunner,
  kind: MergeKind,
  keptId: number,
  absorbedId: number,
  absorbed: { row: Snapshot; links: object },
  kept: { before: Snapshot; after: Snapshot },
  decision: MergeDecision,
): Promise<number> {
  const [{ id }] = await sql<{ id: number }>(
    `INSERT INTO ${merge_evidence.name} (${merge_evidence.list('kind', 'kept_id', 'absorbed_id', 'absorbed', 'kept_before', 'kept_after', 'rule', 'evidence', 'source_id', 'merged_by')})
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9, $10) RETURNING id`,
    [
      kind,
      keptId,
      absorbedId,
      JSON.stringify(absorbed),
      JSON.stringify(kept.before),
      JSON.stringify(kept.after),
      decision.rule,
      JSON.stringify(decision.evidence),
      decision.sourceId ?? null,
      decision.actor ?? null,
    ],
  );
  return id;
}

/** Locks merge `mergeId` of `kind` to undo it; refuses one that is unknown, of another kind, or undone already. */
export async function mergeToUndo(sql: SqlRunner, mergeId: number, kind: MergeKind, plural: string): Promise<StoredMerge> {
  const [merge] = await sql<StoredMerge>(
    `SELECT ${m.kind}, ${m.kept_id}, ${m.absorbed_id}, ${m.absorbed}, ${m.kept_before}, ${m.kept_after}, ${m.undone_at} FROM ${m} WHERE ${m.id} = $1 FOR UPDATE`,
    [mergeId],
  );
  if (!merge || merge.kind !== kind) throw unmergeProblem(`No merge of ${plural} has this ID.`, UserErrorCode.NOT_FOUND);
  if (merge.undone_at) throw unmergeProblem('This merge was undone already; there is nothing to undo.');
  return merge;
}

/** Marks a merge undone by `actor`: it stays recorded, as the editor's word that the two are apart. */
export async function markUndone(sql: SqlRunner, mergeId: number, actor: string): Promise<void> {
  await sql(`UPDATE ${m} SET ${merge_evidence.col.undone_at} = now(), ${merge_evidence.col.undone_by} = $2 WHERE ${m.id} = $1`, [
    mergeId,
    actor,
  ]);
}

/** Whether an editor undid a merge of these two records of `kind`: their word that they are apart. */
export async function keptApart(sql: SqlRunner, kind: MergeKind, a: number, b: number): Promise<boolean> {
  const rows = await sql(
    `SELECT 1 FROM ${m} WHERE ${m.kind} = $3 AND ${m.undone_at} IS NOT NULL
       AND ((${m.kept_id} = $1 AND ${m.absorbed_id} = $2) OR (${m.kept_id} = $2 AND ${m.absorbed_id} = $1)) LIMIT 1`,
    [a, b, kind],
  );
  return rows.length > 0;
}
