import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import type { Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import type { Context } from '../graphql/context';
import { found, idOf, runMutation } from '../mutations/mutation';
import { deletePayloadType, payloadType, UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';
import { RegistrationRefused, registerSource, removeSource } from './source-registry';
import { SourceRegisterInput } from './source.inputs';
import { Source } from './source.entity';

/** The result of registering a source. */
export const SourcePayload = payloadType(Source, 'source', 'SourcePayload');
/** The result of removing a source. */
export const SourceRemovePayload = deletePayloadType(
  'removedSourceId',
  'SourceRemovePayload',
  'registered source (the records read from it stay)',
);

/** A registration as the audit log keeps it. */
async function sourceSnapshot(sql: SqlRunner, id: number): Promise<Snapshot> {
  const r = tables.registered_source.as('r');
  const [row] = await sql<{ row: Snapshot }>(`SELECT to_jsonb(r) AS row FROM ${r} WHERE ${r.id} = $1`, [id]);
  return row?.row ?? null;
}

/** Registering and removing sources. Needs an ADMIN key: a source decides what the server reads from its disk. */
@Resolver()
export class SourceMutations {
  @Authorized(Role.ADMIN)
  @Mutation(() => SourcePayload, { description: 'Registers a source for `npm run sync`. Needs an ADMIN key.' })
  sourceRegister(@Arg('input', () => SourceRegisterInput, { description: 'The source.' }) input: SourceRegisterInput, @Ctx() ctx: Context) {
    return runMutation(ctx, 'sourceRegister', null, async (tx) => {
      const communityId = idOf(input.community, 'Community', ['input', 'community']);
      try {
        const source = await registerSource(tx.sql, { ...input, communityId });
        await tx.audit('Source', source.id, null, await sourceSnapshot(tx.sql, source.id));
        return source;
      } catch (error) {
        if (!(error instanceof RegistrationRefused)) throw error;
        throw new UserInputProblem(error.problems.map((p) => userError(['input', p.field], p.message, UserErrorCode[p.code])));
      }
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => SourceRemovePayload, { description: 'Removes a registered source; the records read from it stay. Needs an ADMIN key.' })
  sourceRemove(@Arg('id', () => ID, { description: 'ID of the source.' }) id: string, @Ctx() ctx: Context) {
    return runMutation(ctx, 'sourceRemove', null, async (tx) => {
      const sourceId = idOf(id, 'Source', ['id']);
      const before = found(await sourceSnapshot(tx.sql, sourceId), 'source', ['id']);
      await removeSource(tx.sql, sourceId);
      await tx.audit('Source', sourceId, before, null);
      return id;
    });
  }
}
