import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What events are counted by, besides the year. */
export enum EventDimension {
  SERIES = 'SERIES',
  FORMAT = 'FORMAT',
  CITY = 'CITY',
}

registerEnumType(EventDimension, {
  name: 'EventDimension',
  description: 'What events are counted by, besides the year.',
  valuesConfig: {
    SERIES: { description: 'The series, e.g. `SOFAMeetup`.' },
    FORMAT: { description: 'Offline, online or hybrid.' },
    CITY: { description: 'The city.' },
  },
});

/** The column of each dimension, over `event e`. */
export const dimensionColumn: Record<EventDimension, string> = {
  SERIES: 'e.series',
  FORMAT: 'e.format',
  CITY: 'e.city',
};

/** How many events of one value were held in one year. */
@ObjectType({ description: 'How many events of one series, format or city were held in one year.' })
export class EventTally {
  @Field(() => Int, { description: 'The year, in the local time of each event.' })
  year: number;

  @Field(() => String, { nullable: true, description: 'The series, format or city; null for events that do not say.' })
  value: string | null;

  @Field(() => Int, { description: 'Events; zero when none that year, so every value has every year.' })
  events: number;
}
