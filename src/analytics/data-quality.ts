import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AnalyticsFilter } from './analytics.filter';
import { PeriodPoint } from './period-point';

/** The share of complete talks in one period. */
@ObjectType({
  implements: PeriodPoint,
  description: 'How many talks of one period are complete: with a project, a speaker, slides and a recording.',
})
export class CompletenessPoint extends PeriodPoint {
  @Field(() => Int, { description: 'Talks given in the period.' })
  talks: number;

  @Field(() => Int, { description: 'Of those, talks with a project, a speaker, slides and a recording.' })
  completeTalks: number;

  @Field(() => Float, { nullable: true, description: 'completeTalks / talks, from 0 to 1; null in a period without talks.' })
  share: number | null;
}

/** What editors still have to fill in. */
@ObjectType({
  description: 'What editors still have to fill in, over the slice of the graph. A date range leaves out undated events and talks.',
})
export class DataQuality {
  /** The slice, for `completeness`. */
  filter: AnalyticsFilter;

  @Field(() => Int, { description: 'Talks in the slice.' })
  talks: number;

  @Field(() => Int, { description: 'Talks not linked to any project.' })
  talksWithoutProject: number;

  @Field(() => Int, { description: 'Talks without slides.' })
  talksWithoutSlides: number;

  @Field(() => Int, { description: 'Talks without a recording.' })
  talksWithoutVideo: number;

  @Field(() => Int, { description: 'Talks nobody is credited on.' })
  talksWithoutSpeaker: number;

  @Field(() => Int, { description: 'People credited on talks of the slice.' })
  speakers: number;

  @Field(() => Int, { description: 'Of those, people known only by an alias (花名), with no real name.' })
  speakersKnownOnlyByAlias: number;

  @Field(() => Int, {
    description:
      'Of those, people whose name is the alias of two or more other people, so imports cannot tell which one they are and leave them unlinked; an editor decides with `speakerMerge`.',
  })
  speakersWithAmbiguousAlias: number;

  @Field(() => Int, { description: 'Events in the slice.' })
  events: number;

  @Field(() => Int, { description: 'Events without a start date.' })
  eventsWithoutDate: number;

  @Field(() => Int, { description: 'Offline or hybrid events (or of unknown format) without a city; online events need none.' })
  eventsWithoutCity: number;
}
