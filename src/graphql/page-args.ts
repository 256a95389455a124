import { ArgsType, Field, Int } from 'type-graphql';

/** The largest page a list returns. */
export const MAX_PAGE_SIZE = 100;
/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

/** Relay pagination arguments shared by every connection. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Returns the first n elements (1 to ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements that come after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Returns the last n elements (1 to ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements that come before this cursor.' })
  before?: string | null;
}
