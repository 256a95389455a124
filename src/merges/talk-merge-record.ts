import { Field, ObjectType } from 'type-graphql';
import { MergeRecord } from './merge-record';

/** One decision that made another talk record part of this one, with its evidence. */
@ObjectType({
  simpleResolvers: true,
  description:
    'A record of another talk folded into this one: why, on what evidence, by whom, and whether it was undone. Pass its `id` to `talkUnmerge` to undo it.',
})
export class TalkMerge extends MergeRecord {
  protected readonly typeName = 'TalkMerge';

  @Field({ description: 'The title the absorbed talk had.' })
  absorbedTitle: string;
}
