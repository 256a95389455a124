import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { SourceReference } from '../sources/source-reference';
import { FactField } from '../facts/fact-field.enum';

/** Who gave a value, in the order the rule ranks them (provenance/fact-choice.ts). */
export enum FactOrigin {
  EDITOR = 'EDITOR',
  EVENT_DOCUMENT = 'EVENT_DOCUMENT',
  LISTING = 'LISTING',
}

registerEnumType(FactOrigin, {
  name: 'FactOrigin',
  description:
    "Who gave a value, strongest first: the rule picks an editor's value, else an event's own document's over a listing's, else the most recently recorded.",
  valuesConfig: {
    EDITOR: { description: 'An editor, through a mutation such as `talkUpdate`; wins over every import.' },
    EVENT_DOCUMENT: {
      description: 'A document about this one event: its event page or its schedule (frab XML, schedule.json, Sessionize).',
    },
    LISTING: { description: 'A listing or feed: an iCalendar feed, or a document holding several events (the built-in dataset).' },
  },
});

/** One value one source or editor gave one field of a talk or an event. */
@ObjectType({
  simpleResolvers: true,
  description: 'One value a source or an editor gave a field of a talk or an event, and whether the record holds it.',
})
export class FactValue {
  @Field(() => FactField, { description: 'The field.' })
  field: FactField;

  @Field(() => String, {
    nullable: true,
    description: 'The value as text (a time as ISO 8601 in UTC); null only for a value an editor cleared on purpose.',
  })
  value: string | null;

  @Field(() => FactOrigin, { description: 'Who gave it, as the rule ranks them.' })
  origin: FactOrigin;

  @Field(() => SourceReference, { nullable: true, description: 'The document that gave it; null for an editor’s value.' })
  source: SourceReference | null;

  @Field(() => String, { nullable: true, description: 'The name of the API key of the editor who gave it; null for a source’s value.' })
  editor: string | null;

  @Field({ description: 'When this value was given: first read from its source or changed there, or written by the editor.' })
  recordedAt: Date;

  @Field({ description: 'Whether this is the value the record holds, by the rule (one value per field is chosen).' })
  chosen: boolean;
}
