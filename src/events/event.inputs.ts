import { ArrayMaxSize, IsArray, IsTimeZone, ValidateIf, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Labels, OptionalDate, OptionalText, OptionalUrl, RequiredLine, Slug, TEXT_MAX } from '../graphql/input-rules';
import { EventFormat } from './event-format.enum';
import { EventLinkKind } from './event-link';

/** A link of an event, as an editor gives it. */
@InputType({ description: 'A link of an event: livestream, replay, photo album, recap.' })
export class EventLinkInput {
  @Field(() => EventLinkKind, { description: 'What the link points at.' })
  kind: EventLinkKind;

  @Field({ description: 'The address (http or https).' })
  @OptionalUrl()
  url: string;

  @Field(() => String, { nullable: true, description: 'Link text.' })
  @OptionalText()
  title?: string | null;
}

/** Fields an event can be created or updated with; omitted fields are left as they are. */
@InputType('EventFields', { description: 'Fields shared by the create and update inputs.' })
class EventFields {
  @Field(() => String, { nullable: true, description: 'Series the event belongs to, e.g. `SOFAMeetup`.' })
  @OptionalText()
  series?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it started.' })
  @OptionalDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ended; not before `startsAt`.' })
  @OptionalDate()
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone the event was announced in, e.g. `Asia/Shanghai`.' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsTimeZone({ message: 'timeZone must be an IANA time zone such as `Asia/Shanghai`' })
  timeZone?: string;

  @Field(() => EventFormat, { nullable: true, description: 'How it was held.' })
  format?: EventFormat | null;

  @Field(() => String, { nullable: true, description: 'City; null for online events.' })
  @OptionalText()
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Venue within the city.' })
  @OptionalText()
  venue?: string | null;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  @OptionalText(TEXT_MAX)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Cover image (http or https).' })
  @OptionalUrl()
  coverUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'Free-form tags (at most 50); replaces the tags when given.' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsArray({ message: 'tags may be an empty list but not null' })
  @Labels()
  tags?: string[];

  @Field(() => [EventLinkInput], { nullable: true, description: 'Links (at most 50); replaces the links when given.' })
  @ValidateIf((_o, value) => value !== undefined)
  @IsArray({ message: 'links may be an empty list but not null' })
  @ArrayMaxSize(50, { message: 'links may hold at most 50 entries' })
  @ValidateNested({ each: true })
  links?: EventLinkInput[];
}

/** A new event. */
@InputType({ description: 'A new event.' })
export class EventCreateInput extends EventFields {
  @Field(() => ID, { description: 'ID of the community that held it.' })
  community: string;

  @Field({ description: 'Stable, URL-safe key: lower-case letters, digits and dashes.' })
  @Slug()
  slug: string;

  @Field({ description: 'Title as announced.' })
  @RequiredLine()
  title: string;
}

/** Changes to an event: only the fields given change; null clears an optional field. */
@InputType({ description: 'Changes to an event: only the fields given change; null clears an optional field.' })
export class EventUpdateInput extends EventFields {
  @Field(() => ID, { nullable: true, description: 'ID of the community that held it.' })
  community?: string;

  @Field(() => String, { nullable: true, description: 'Stable, URL-safe key.' })
  @Slug()
  slug?: string;

  @Field(() => String, { nullable: true, description: 'Title as announced.' })
  @RequiredLine()
  title?: string;
}
