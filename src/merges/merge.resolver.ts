import { Arg, Authorized, type ClassType, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import type { SqlRunner } from '../database/database';
import type { Context } from '../graphql/context';
import { payloadType } from '../graphql/user-error';
import type { MergeRecord } from './merge-record';
import { mergeInputType, unmergeInputType } from './merge-inputs';
import { mergeMutation, unmergeMutation } from './merge-mutation';
import type { MergedTable, MergeSpec } from './merge-spec';

/** What `mergeResolver` needs to know of one kind of record. */
export interface MergeResolverOptions<T extends { id: number }, N extends MergedTable, R extends MergeRecord> {
  entity: ClassType<T>;
  spec: MergeSpec<N>;
  /** The GraphQL type of its merge records. */
  record: ClassType<R>;
  /** The merges into each record, from the request's loaders. */
  merges(ctx: Context, id: number): Promise<R[]>;
  load(sql: SqlRunner, id: number): Promise<T | null>;
  /** What a merge moves, for the mutation's description. */
  moves: string;
}

/**
 * The resolver of `<Type>.merges`, `<type>Merge` and `<type>Unmerge` for one kind of record (talks,
 * events), with their inputs and payloads: the editing API every mergeable kind shares.
 */
export function mergeResolver<T extends { id: number }, N extends MergedTable, R extends MergeRecord>(
  options: MergeResolverOptions<T, N, R>,
) {
  const { entity, spec, record } = options;
  const type = spec.type;
  const what = type.toLowerCase();
  const field = what;
  const MergeInput = mergeInputType(type, what);
  const UnmergeInput = unmergeInputType(type, what);
  const MergePayload = payloadType(entity, field, `${type}MergePayload`);
  const UnmergePayload = payloadType(entity, field, `${type}UnmergePayload`);

  @Resolver(() => entity)
  class MergeResolver {
    // The absorbed records' rows and the editors' names are editors' business.
    @Authorized(Role.EDITOR)
    @FieldResolver(() => [record], {
      description: `Other records folded into this ${what}, newest first, with the rule and evidence of each, undone ones included. Needs an EDITOR or ADMIN key.`,
    })
    merges(@Root() root: T, @Ctx() ctx: Context): Promise<R[]> {
      return options.merges(ctx, root.id);
    }

    @Authorized(Role.EDITOR)
    @Mutation(() => MergePayload, {
      name: `${what}Merge`,
      description: `Makes two records of one ${what} one: ${options.moves} move from the duplicate to the kept record; the duplicate is deleted, and the merge is recorded in \`${type}.merges\`, from where \`${what}Unmerge\` undoes it.`,
    })
    merge(
      @Arg('input', () => MergeInput, { description: 'The record to keep, the duplicate, and why.' })
      input: InstanceType<typeof MergeInput>,
      @Ctx() ctx: Context,
    ) {
      const request = { keep: { id: input.keep, field: 'keep' }, duplicate: input.duplicate, evidence: input.evidence };
      return mergeMutation(ctx, `${what}Merge`, spec, input, request, options.load);
    }

    @Authorized(Role.EDITOR)
    @Mutation(() => UnmergePayload, {
      name: `${what}Unmerge`,
      description: `Undoes a merge (\`${type}.merges\`): the absorbed ${what} comes back with exactly what it had, and the kept record loses what it took from it (fields edited since stay). Imports never merge the two again.`,
    })
    unmerge(
      @Arg('input', () => UnmergeInput, { description: 'The merge to undo.' }) input: InstanceType<typeof UnmergeInput>,
      @Ctx() ctx: Context,
    ) {
      return unmergeMutation(ctx, `${what}Unmerge`, spec, input, options.load);
    }
  }
  Object.defineProperty(MergeResolver, 'name', { value: `${type}MergeResolver` });
  return MergeResolver;
}
