import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** What a link on an event page points at. */
export enum EventLinkKind {
  LIVESTREAM = 'LIVESTREAM',
  REPLAY = 'REPLAY',
  PHOTO_ALBUM = 'PHOTO_ALBUM',
  RECAP = 'RECAP',
  REGISTRATION = 'REGISTRATION',
  OTHER = 'OTHER',
}

registerEnumType(EventLinkKind, { name: 'EventLinkKind', description: 'What a link of an event points at.' });

/** A link of an event: livestream, replay, photo album, recap. Stored inline with the event. */
@ObjectType({ simpleResolvers: true, description: 'A link of an event: livestream, replay, photo album, recap.' })
export class EventLink {
  @Field(() => EventLinkKind, { description: 'What the link points at.' })
  kind: EventLinkKind;

  @Field({ description: 'The address.' })
  url: string;

  @Field(() => String, { nullable: true, description: 'Link text, when the page gave one.' })
  title?: string | null;
}
