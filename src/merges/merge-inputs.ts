import { Field, ID, InputType } from 'type-graphql';
import { OptionalText, TEXT_MAX } from '../graphql/input-rules';

/** The input type `<Type>MergeInput`: the record to keep, its duplicate, and why. */
export function mergeInputType(type: string, what: string) {
  @InputType(`${type}MergeInput`, { description: `Two records of one ${what}: the one to keep and the duplicate to fold into it.` })
  class MergeInput {
    @Field(() => ID, { description: `ID of the ${what} that stays; its fields win where both have one.` })
    keep: string;

    @Field(() => ID, { description: `ID of the duplicate ${what}; what it has and the kept one lacks moves over, then it is deleted.` })
    duplicate: string;

    @Field(() => String, { nullable: true, description: 'Why the two are one, kept with the merge as its evidence.' })
    @OptionalText(TEXT_MAX)
    evidence?: string | null;
  }
  return MergeInput;
}

/** The input type `<Type>UnmergeInput`: the merge to undo. */
export function unmergeInputType(type: string, what: string) {
  @InputType(`${type}UnmergeInput`, { description: `A merge of two ${what} records to undo.` })
  class UnmergeInput {
    @Field(() => ID, { description: `ID of the merge, from \`${type}.merges\`.` })
    merge: string;
  }
  return UnmergeInput;
}
