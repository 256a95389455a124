import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../graphql/global-id';
import { MergeRule } from './merge-rule.enum';

/** One decision that made another speaker record part of this one, with its evidence. */
@ObjectType({
  simpleResolvers: true,
  description:
    'A record of another person folded into this one: why, on what evidence, by whom, and whether it was undone. Pass its `id` to `speakerUnmerge` to undo it.',
})
export class SpeakerMerge {
  /** The database key. */
  key: number;

  @Field(() => ID, { description: 'Opaque ID of the merge, for `speakerUnmerge`.' })
  get id(): string {
    return toGlobalId('SpeakerMerge', this.key);
  }

  @Field(() => MergeRule, { description: 'The rule that matched.' })
  rule: MergeRule;

  @Field({ description: 'The name the absorbed record had.' })
  absorbedName: string;

  @Field(() => String, { nullable: true, description: 'The alias the absorbed record had.' })
  absorbedAlias: string | null;

  @Field(() => [String], { description: 'What matched, as `what: value` lines, e.g. `alias: 逐灵`, `name: 曾凡松`.' })
  evidence: string[];

  @Field(() => String, { nullable: true, description: 'The source document whose import made the merge; null for an editor.' })
  source: string | null;

  @Field(() => String, { nullable: true, description: 'The name of the editor key that made the merge; null for an import.' })
  mergedBy: string | null;

  @Field({ description: 'When the merge was made.' })
  mergedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When an editor undid it; null while it stands. An undone merge is never made again by an import.',
  })
  undoneAt: Date | null;
}
