import { Field, Int, ObjectType } from 'type-graphql';
import { Project } from '../projects/project.entity';

/** A project's place among the most covered projects. */
@ObjectType({ description: "A project's place among the most covered projects of the slice." })
export class ProjectRanking {
  @Field(() => Int, { description: 'Rank by talks; projects with as many talks share a rank.' })
  rank: number;

  @Field(() => Project, { description: 'The project.' })
  project: Project;

  @Field(() => Int, { description: 'Talks that covered the project.' })
  talks: number;

  @Field(() => Int, { description: 'Events with such a talk.' })
  events: number;

  @Field(() => Int, { description: 'Distinct people credited on such talks.' })
  speakers: number;

  @Field(() => Date, { nullable: true, description: 'First covered; null when no such talk has a date.' })
  firstCovered: Date | null;

  @Field(() => Date, { nullable: true, description: 'Latest covered; null when no such talk has a date.' })
  lastCovered: Date | null;
}
