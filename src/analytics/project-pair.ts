import { Field, Int, ObjectType } from 'type-graphql';

/** Two projects covered together. */
@ObjectType({ description: 'Two projects covered together: at the same event, and in the same talk.' })
export class ProjectPair {
  /** The pair's projects, the lower key first; resolved by a batched loader. */
  projectIds: [number, number];

  @Field(() => Int, { description: 'Events with talks covering both projects (in the same talk or in different ones).' })
  events: number;

  @Field(() => Int, { description: 'Talks covering both projects.' })
  talks: number;
}
