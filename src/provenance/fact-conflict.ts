import { createUnionType, Field, Int, ObjectType } from 'type-graphql';
import { Event } from '../events/event.entity';
import { Talk } from '../talks/talk.entity';
import { FactField } from '../facts/fact-field.enum';
import type { FactRecordType } from '../facts/fact-field.enum';

/** A record whose fields are kept per source. */
export const FactRecord = createUnionType({
  name: 'FactRecord',
  description: 'A record whose fields each source gives are kept apart: a talk or an event.',
  types: () => [Talk, Event] as const,
  resolveType: (value) => (value instanceof Talk ? Talk : Event),
});

/** A field of one record on which sources disagree. */
@ObjectType({
  simpleResolvers: true,
  description:
    'A field of a talk or an event to which sources gave different values and no editor has given one; the record holds the value the rule chose (see `factValues`).',
})
export class FactConflict {
  /** Order of the list: the first value stored among those in conflict. */
  id: number;

  recordType: FactRecordType;

  recordId: number;

  @Field(() => FactField, { description: 'The field the sources disagree on.' })
  field: FactField;

  @Field(() => Int, { description: 'How many different values the sources gave it (2 or more).' })
  values: number;
}
