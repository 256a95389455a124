import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../graphql/bad-input';
import type { Context } from '../graphql/context';
import { fromGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { MAX_PAGE_SIZE } from '../graphql/page-args';

/** `node` and `nodes`: any object by global ID, every type asked for in the request read in one statement (`nodeById`). */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by ID; null when there is none.' })
  node(@Arg('id', () => ID, { description: 'The ID.' }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return ctx.loaders.nodeById.load(fromGlobalId(id));
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by ID, in the order given (at most ${MAX_PAGE_SIZE}); null for each ID with no object.`,
  })
  nodes(@Arg('ids', () => [ID], { description: 'The IDs.' }) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw badInput(`\`ids\` may hold at most ${MAX_PAGE_SIZE} IDs, not ${ids.length}.`, 'ids');
    // Every ID is decoded before any is looked up: a malformed one refuses the list without a statement.
    const keys = ids.map((id) => fromGlobalId(id));
    return Promise.all(keys.map((key) => ctx.loaders.nodeById.load(key)));
  }
}
