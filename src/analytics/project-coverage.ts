import { Field, Int, ObjectType } from 'type-graphql';
import { Project } from '../projects/project.entity';
import { PeriodPoint } from './period-point';

/** How much one project was covered in one period. */
@ObjectType({ implements: PeriodPoint, description: 'How much one project was covered in one calendar period.' })
export class CoveragePoint extends PeriodPoint {
  @Field(() => Int, { description: 'Talks that covered the project in the period.' })
  talks: number;

  @Field(() => Int, { description: 'Events with such a talk.' })
  events: number;

  @Field(() => Int, { description: 'Distinct people credited on such talks.' })
  speakers: number;
}

/** One project's coverage over time. */
@ObjectType({ description: "One project's coverage over time, one point per period with no gaps." })
export class ProjectCoverage {
  @Field(() => Project, { description: 'The project.' })
  project: Project;

  @Field(() => Int, { description: 'Talks that covered the project over the whole range.' })
  talks: number;

  @Field(() => [CoveragePoint], {
    description: 'One point per period from the first to the last period with a covered talk, zeros included.',
  })
  points: CoveragePoint[];
}
