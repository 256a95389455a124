import type { ClassType } from 'type-graphql';
import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../graphql/page-args';

/** Page arguments plus a `filter` and an `orderBy` of the given input types. */
export function listArgs<F extends object, O extends object>(
  filter: ClassType<F>,
  order: ClassType<O>,
  things: string,
  defaultOrder: string,
) {
  @ArgsType()
  class ListArgs extends PageArgs {
    @Field(() => filter, { nullable: true, description: `Only ${things} matching these conditions.` })
    filter?: F | null;

    @Field(() => order, { nullable: true, description: `Order of the ${things}; ${defaultOrder} unless given.` })
    orderBy?: O | null;
  }
  return ListArgs;
}
