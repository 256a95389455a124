import { Field, ObjectType } from 'type-graphql';
import { MergeRecord } from './merge-record';

/** One decision that made another speaker record part of this one, with its evidence. */
@ObjectType({
  simpleResolvers: true,
  description:
    'A record of another person folded into this one: why, on what evidence, by whom, and whether it was undone. Pass its `id` to `speakerUnmerge` to undo it.',
})
export class SpeakerMerge extends MergeRecord {
  protected readonly typeName = 'SpeakerMerge';

  @Field({ description: 'The name the absorbed record had.' })
  absorbedName: string;

  @Field(() => String, { nullable: true, description: 'The alias the absorbed record had.' })
  absorbedAlias: string | null;
}
