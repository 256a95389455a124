import type { ClassType } from 'type-graphql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Why a mutation refused its input. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  TAKEN = 'TAKEN',
  NOT_FOUND = 'NOT_FOUND',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input.',
  valuesConfig: {
    INVALID: { description: 'The value is malformed, too long, out of range or inconsistent with another field.' },
    TAKEN: { description: 'Another record already has this name, slug or title.' },
    NOT_FOUND: { description: 'The ID names no record of the expected type.' },
  },
});

/** A problem with a mutation's input that the caller can fix; the mutation changed nothing. */
@ObjectType({ description: 'A problem with the input that the caller can fix. The mutation changed nothing.' })
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. `["input", "title"]`; null when no one field is.',
  })
  field: string[] | null;

  @Field({ description: 'What is wrong and how to fix it.' })
  message: string;

  @Field(() => UserErrorCode, { description: 'Machine-readable kind of problem.' })
  code: UserErrorCode;
}

/** Makes a user error. */
export function userError(field: string[] | null, message: string, code: UserErrorCode = UserErrorCode.INVALID): UserError {
  return Object.assign(new UserError(), { field, message, code });
}

/** Thrown inside a mutation to roll it back and answer with these user errors. */
export class UserInputProblem extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join(' '));
  }
}

/** What every mutation answers: maybe an object, and the user errors (empty on success). */
export interface Payload<T> {
  value?: T | null;
  userErrors: UserError[];
}

/** The payload type `<Name>` with the changed object under `field` and `userErrors`. */
export function payloadType<T extends object>(type: ClassType<T>, field: string, name: string) {
  @ObjectType(name, { description: `The result of a mutation of a ${type.name}.` })
  class PayloadType implements Payload<T> {
    @Field(() => type, {
      name: field,
      nullable: true,
      description: `The ${type.name} as it is after the mutation; null when the mutation failed.`,
    })
    value?: T | null;

    @Field(() => [UserError], { description: 'Problems with the input; empty when the mutation succeeded.' })
    userErrors: UserError[];
  }
  return PayloadType;
}

/** The payload type `<Name>` of a delete: the ID of what was deleted, and `userErrors`. */
export function deletePayloadType(field: string, name: string, what: string) {
  @ObjectType(name, { description: `The result of deleting a ${what}.` })
  class DeletePayloadType implements Payload<string> {
    @Field(() => ID, { name: field, nullable: true, description: `The ID of the deleted ${what}; null when nothing was deleted.` })
    value?: string | null;

    @Field(() => [UserError], { description: 'Problems with the input; empty when the delete succeeded.' })
    userErrors: UserError[];
  }
  return DeletePayloadType;
}
