import { Field, ID, InputType } from 'type-graphql';
import { OptionalText, RequiredLine, TEXT_MAX } from '../graphql/input-rules';

/** Fields a speaker can be created or updated with; omitted fields are left as they are. */
@InputType('SpeakerFields', { description: 'Fields shared by the create and update inputs.' })
class SpeakerFields {
  @Field(() => String, { nullable: true, description: 'Alias the person goes by, such as a 花名.' })
  @OptionalText()
  alias?: string | null;

  @Field(() => String, { nullable: true, description: 'Company or organization.' })
  @OptionalText()
  affiliation?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @OptionalText()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Short biography.' })
  @OptionalText(TEXT_MAX)
  bio?: string | null;
}

/** A new speaker. */
@InputType({ description: 'A new speaker.' })
export class SpeakerCreateInput extends SpeakerFields {
  @Field({ description: 'Real name, or the alias when no real name is known; unique.' })
  @RequiredLine()
  name: string;
}

/** Changes to a speaker: only the fields given change; null clears an optional field. */
@InputType({ description: 'Changes to a speaker: only the fields given change; null clears an optional field.' })
export class SpeakerUpdateInput extends SpeakerFields {
  @Field(() => String, { nullable: true, description: 'Real name; unique.' })
  @RequiredLine()
  name?: string;
}

/** Two records of one person. */
@InputType({ description: 'Two records of one person: the one to keep and the duplicate to fold into it.' })
export class SpeakerMergeInput {
  @Field(() => ID, { description: 'ID of the record that stays; its fields win where both have one.' })
  speaker: string;

  @Field(() => ID, {
    description: 'ID of the duplicate; its talks, projects, provenance and missing fields move over, then it is deleted.',
  })
  duplicate: string;
}

/** A merge to undo. */
@InputType({ description: 'A merge of two speakers to undo.' })
export class SpeakerUnmergeInput {
  @Field(() => ID, { description: 'ID of the merge, from `Speaker.merges`.' })
  merge: string;
}
