import { Field, ID, InputType, Int } from 'type-graphql';
import { OptionalDate, OptionalInt, OptionalText, OptionalUrl, RequiredLine, TEXT_MAX } from '../graphql/input-rules';
import { TalkKind } from './talk-kind.enum';
import { TalkRole } from './talk-role.enum';

/** Fields a talk can be created or updated with; omitted fields are left as they are. */
@InputType('TalkFields', { description: 'Fields shared by the create and update inputs.' })
class TalkFields {
  @Field(() => String, { nullable: true, description: 'What the talk is about.' })
  @OptionalText(TEXT_MAX)
  abstract?: string | null;

  @Field(() => TalkKind, {
    nullable: true,
    description: 'Talk, keynote, panel, workshop or lightning talk; TALK when created without one.',
  })
  kind?: TalkKind;

  @Field(() => Date, { nullable: true, description: 'Start of its time slot.' })
  @OptionalDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of its time slot.' })
  @OptionalDate()
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Slides (http or https).' })
  @OptionalUrl()
  slidesUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Recording (http or https).' })
  @OptionalUrl()
  videoUrl?: string | null;

  @Field(() => Int, { nullable: true, description: 'Place in the agenda, from 1; after the last talk when created without one.' })
  @OptionalInt(1, 10_000)
  position?: number;
}

/** A new talk of an event. */
@InputType({ description: 'A new talk of an event.' })
export class TalkCreateInput extends TalkFields {
  @Field(() => ID, { description: 'ID of the event the talk was given at.' })
  event: string;

  @Field({ description: 'Title as given on the agenda; unique within the event.' })
  @RequiredLine()
  title: string;
}

/** Changes to a talk: only the fields given change; null clears an optional field. */
@InputType({ description: 'Changes to a talk: only the fields given change; null clears an optional field.' })
export class TalkUpdateInput extends TalkFields {
  @Field(() => String, { nullable: true, description: 'Title as given on the agenda; unique within the event.' })
  @RequiredLine()
  title?: string;
}

/** A speaker to credit on a talk. */
@InputType({ description: 'A person to credit on a talk, and how they took part.' })
export class TalkSpeakerLinkInput {
  @Field(() => ID, { description: 'ID of the talk.' })
  talk: string;

  @Field(() => ID, { description: 'ID of the speaker.' })
  speaker: string;

  @Field(() => TalkRole, { defaultValue: TalkRole.SPEAKER, description: 'What the person did; changes the role when already credited.' })
  role: TalkRole;
}

/** A credit to remove from a talk. */
@InputType({ description: 'A person to remove from the credits of a talk.' })
export class TalkSpeakerUnlinkInput {
  @Field(() => ID, { description: 'ID of the talk.' })
  talk: string;

  @Field(() => ID, { description: 'ID of the speaker.' })
  speaker: string;
}

/** A project a talk covered. */
@InputType({ description: 'A talk and a project it covered.' })
export class TalkProjectLinkInput {
  @Field(() => ID, { description: 'ID of the talk.' })
  talk: string;

  @Field(() => ID, { description: 'ID of the project.' })
  project: string;
}
