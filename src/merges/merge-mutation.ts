import type { SqlRunner } from '../database/database';
import type { Context } from '../graphql/context';
import { found, idOf, runMutation, type Tx } from '../mutations/mutation';
import { type Payload, UserInputProblem, userError } from '../graphql/user-error';
import { mergeRecords, unmergeRecords } from './merge-records';
import { MergeRule } from './merge-rule.enum';
import type { MergedTable, MergeDone, MergeSpec, UnmergeDone } from './merge-spec';

/** Loads the record a merge mutation answers with. */
type Load<T> = (sql: SqlRunner, id: number) => Promise<T | null>;

/** What a merge mutation was given: the IDs, the input fields they came in, and the editor's reason. */
export interface MergeRequest {
  keep: { id: string; field: string };
  duplicate: string;
  evidence?: string | null;
}

/** Audits a merge, and the merges made along with it: the absorbed record gone, the kept one changed. */
async function auditMerge(tx: Tx, done: MergeDone): Promise<void> {
  for (const nested of done.nested) await auditMerge(tx, nested);
  await tx.audit(done.type, done.absorbedId, done.absorbed, null);
  await tx.audit(done.type, done.keptId, done.keptBefore, done.keptAfter);
}

/** Audits an unmerge, and those made along with it: the restored record back, the kept one changed. */
async function auditUnmerge(tx: Tx, done: UnmergeDone): Promise<void> {
  await tx.audit(done.type, done.restoredId, null, done.restored);
  await tx.audit(done.type, done.keptId, done.keptBefore, done.keptAfter);
  for (const nested of done.nested) await auditUnmerge(tx, nested);
}

/**
 * `<type>Merge`: an editor's merge of two records of the spec's kind, audited, recorded with the
 * two IDs (and the editor's reason) as its evidence. Refuses malformed IDs, IDs of another type,
 * records that do not exist and a record merged with itself, changing nothing.
 */
export function mergeMutation<T, N extends MergedTable>(
  ctx: Context,
  operation: string,
  spec: MergeSpec<N>,
  input: object,
  request: MergeRequest,
  load: Load<T>,
): Promise<Payload<T>> {
  return runMutation(ctx, operation, input, async (tx) => {
    const what = spec.type.toLowerCase();
    const keep = idOf(request.keep.id, spec.type, ['input', request.keep.field]);
    const duplicate = idOf(request.duplicate, spec.type, ['input', 'duplicate']);
    if (keep === duplicate) {
      const article = 'aeiou'.includes(what[0]) ? 'An' : 'A';
      throw new UserInputProblem([userError(['input', 'duplicate'], `${article} ${what} cannot be merged into itself.`)]);
    }
    found(await tx.snapshot(spec.type, keep), what, ['input', request.keep.field]);
    found(await tx.snapshot(spec.type, duplicate), what, ['input', 'duplicate']);
    const done = await mergeRecords(tx.sql, spec, keep, duplicate, {
      rule: MergeRule.EDITOR,
      evidence: { kept: request.keep.id, duplicate: request.duplicate, ...(request.evidence ? { reason: request.evidence } : {}) },
      actor: ctx.viewer!.name,
    });
    await auditMerge(tx, done);
    return (await load(tx.sql, keep))!;
  });
}

/** `<type>Unmerge`: undoes a merge of the spec's kind (see `unmergeRecords`), audited; answers with the restored record. */
export function unmergeMutation<T, N extends MergedTable>(
  ctx: Context,
  operation: string,
  spec: MergeSpec<N>,
  input: { merge: string },
  load: Load<T>,
): Promise<Payload<T>> {
  return runMutation(ctx, operation, input, async (tx) => {
    const mergeId = idOf(input.merge, `${spec.type}Merge`, ['input', 'merge']);
    const done = await unmergeRecords(tx.sql, spec, mergeId, ctx.viewer!.name);
    await auditUnmerge(tx, done);
    return (await load(tx.sql, done.restoredId))!;
  });
}
