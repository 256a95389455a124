import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { toEntity } from '../database/entity-columns';
import type { Context } from '../graphql/context';
import { found, runMutation } from '../mutations/mutation';
import { type Payload, payloadType, UserError, UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';
import { ApiKey } from './api-key.entity';
import { ApiKeyCreateInput, ApiKeyRevokeInput } from './api-key.inputs';
import { apiKeySnapshot, createApiKey, findApiKeyForUpdate, revokeApiKey } from './api-keys';
import { Role } from '../graphql/role.enum';

/** The result of making a key: the key and, this once, its secret. */
@ObjectType({ description: 'The result of making an API key.' })
export class ApiKeyCreatePayload implements Payload<ApiKey> {
  @Field(() => ApiKey, { name: 'apiKey', nullable: true, description: 'The new key; null when the input was refused.' })
  value?: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key itself, to send as `Authorization: Bearer <token>`. Shown only now: only its hash is stored, so store it safely.',
  })
  token: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty when the key was made.' })
  userErrors: UserError[];
}

/** The result of revoking a key. */
export const ApiKeyRevokePayload = payloadType(ApiKey, 'apiKey', 'ApiKeyRevokePayload');

/**
 * Making and revoking API keys through the running server, as `npm run keys` does on a stopped
 * one (the embedded database admits one process). Needs an ADMIN key; audited like every mutation.
 */
@Resolver()
export class ApiKeyMutations {
  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKeyCreatePayload, { description: 'Makes an API key and answers its secret, once. Needs an ADMIN key.' })
  async apiKeyCreate(
    @Arg('input', () => ApiKeyCreateInput, { description: 'Who holds the key and what it may do.' }) input: ApiKeyCreateInput,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyCreatePayload> {
    const { value, userErrors } = await runMutation(ctx, 'apiKeyCreate', input, async (tx) => {
      const made = await createApiKey(tx.sql, input.name.trim(), input.role);
      await tx.audit('ApiKey', made.key.id, null, await apiKeySnapshot(tx.sql, made.key.id));
      return made;
    });
    return Object.assign(new ApiKeyCreatePayload(), {
      value: value && toEntity(ApiKey, value.key),
      token: value?.token ?? null,
      userErrors,
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiKeyRevokePayload, { description: 'Revokes an API key: from the next request on, it is refused. Needs an ADMIN key.' })
  apiKeyRevoke(@Arg('input', () => ApiKeyRevokeInput, { description: 'The key.' }) input: ApiKeyRevokeInput, @Ctx() ctx: Context) {
    return runMutation(ctx, 'apiKeyRevoke', input, async (tx) => {
      const key = found(
        await findApiKeyForUpdate(tx.sql, input.key.trim()),
        `API key with the id or lookup "${input.key.trim().slice(0, 64)}"`,
        ['input', 'key'],
      );
      if (key.revokedAt) {
        throw new UserInputProblem([
          userError(
            ['input', 'key'],
            `The key ${key.lookup} of "${key.name}" was already revoked at ${key.revokedAt.toISOString()}.`,
            UserErrorCode.INVALID,
          ),
        ]);
      }
      const before = await apiKeySnapshot(tx.sql, key.id);
      const revoked = (await revokeApiKey(tx.sql, String(key.id)))!;
      await tx.audit('ApiKey', key.id, before, await apiKeySnapshot(tx.sql, key.id));
      return toEntity(ApiKey, revoked);
    });
  }
}
