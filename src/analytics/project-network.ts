import { Field, Int, ObjectType } from 'type-graphql';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';

/** A project and how many talks covered it, within some context. */
@ObjectType({ description: 'A project and how many talks covered it.' })
export class ProjectTally {
  /** The project; resolved by a batched loader. */
  projectId: number;

  @Field(() => Int, { description: 'Talks.' })
  talks: number;
}

/** One person in a project's network. */
@ObjectType({ description: "One person in a project's network: their talks about it, and the other projects they spoke about." })
export class NetworkSpeaker {
  @Field(() => Speaker, { description: 'The person.' })
  speaker: Speaker;

  @Field(() => Int, { description: 'Talks of theirs that covered the project.' })
  talks: number;

  @Field(() => [ProjectTally], { complexity: 1, description: 'Other projects they spoke about, most talks first.' })
  otherProjects: ProjectTally[];
}

/** The people who carry a project and where else they speak. */
@ObjectType({ description: 'The people who spoke about a project, and the other projects they spoke about.' })
export class ProjectNetwork {
  @Field(() => Project, { description: 'The project.' })
  project: Project;

  @Field(() => [NetworkSpeaker], { complexity: 1, description: 'Its speakers, most talks about the project first.' })
  speakers: NetworkSpeaker[];
}
