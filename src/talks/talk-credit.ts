import { Field, ObjectType } from 'type-graphql';
import { Speaker } from '../speakers/speaker.entity';
import { TalkRole } from './talk-role.enum';

/** A person credited on a talk, with the part they played. */
@ObjectType({ simpleResolvers: true, description: 'A person credited on a talk, with the part they played.' })
export class TalkCredit {
  @Field(() => TalkRole, { description: 'Speaker, moderator, panelist or host.' })
  role: TalkRole;

  @Field(() => Speaker, { description: 'The person.' })
  speaker: Speaker;
}
