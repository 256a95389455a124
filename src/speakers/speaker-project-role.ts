import { Field, ObjectType } from 'type-graphql';
import { Project } from '../projects/project.entity';

/** A person's standing role in a project, e.g. "PPMC member" of Seata. */
@ObjectType({ description: "A person's standing role in a project." })
export class SpeakerProjectRole {
  @Field(() => Project, { description: 'The project.' })
  project: Project;

  @Field(() => String, { nullable: true, description: 'The role as stated, e.g. `Apache Seata(incubating) PPMC`.' })
  role: string | null;
}
