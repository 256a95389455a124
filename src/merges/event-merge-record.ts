import { Field, ObjectType } from 'type-graphql';
import { MergeRecord } from './merge-record';

/** One decision that made another event record part of this one, with its evidence. */
@ObjectType({
  simpleResolvers: true,
  description:
    'A record of another event folded into this one (another source’s record of the same event, or an editor’s merge): why, on what evidence, by whom, and whether it was undone. Pass its `id` to `eventUnmerge` to undo it.',
})
export class EventMerge extends MergeRecord {
  protected readonly typeName = 'EventMerge';

  @Field({ description: 'The title the absorbed event had.' })
  absorbedTitle: string;

  @Field({ description: 'The slug the absorbed event had, which it has again once the merge is undone.' })
  absorbedSlug: string;
}
