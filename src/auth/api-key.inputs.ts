import { Field, InputType } from 'type-graphql';
import { RequiredLine } from '../graphql/input-rules';
import { Role } from '../graphql/role.enum';

/** The longest name a key's holder may be given. */
const NAME_MAX = 100;

/** A key to make. */
@InputType({ description: 'A new API key: who holds it and what it may do.' })
export class ApiKeyCreateInput {
  @Field({
    description: `Who or what will hold the key, e.g. \`importer-bot\` (1 to ${NAME_MAX} characters); the audit log names its changes by it.`,
  })
  @RequiredLine(NAME_MAX)
  name: string;

  @Field(() => Role, { description: 'What the key may do.' })
  role: Role;
}

/** A key to revoke. */
@InputType({ description: 'The API key to revoke.' })
export class ApiKeyRevokeInput {
  @Field({ description: "The key's `id`, or its `lookup` (the 16 hex digits after `eg_` in the key)." })
  @RequiredLine(64)
  key: string;
}
