import { Field, Int, ObjectType } from 'type-graphql';
import { Speaker } from '../speakers/speaker.entity';

/** A person's place among the most active speakers. */
@ObjectType({ description: "A person's place among the most active speakers of the slice." })
export class SpeakerRanking {
  @Field(() => Int, { description: 'Rank by talks; people with as many talks share a rank.' })
  rank: number;

  @Field(() => Speaker, { description: 'The person.' })
  speaker: Speaker;

  @Field(() => Int, { description: 'Talks the person is credited on.' })
  talks: number;

  @Field(() => Int, { description: 'Events the person spoke at.' })
  events: number;

  @Field(() => Date, { nullable: true, description: 'First appearance; null when no talk has a date.' })
  firstAppearance: Date | null;

  @Field(() => Date, { nullable: true, description: 'Latest appearance; null when no talk has a date.' })
  lastAppearance: Date | null;

  /** Projects the person spoke about, most talks first; resolved by a batched loader. */
  projectIds: number[];
}
