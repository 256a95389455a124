import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../graphql/bad-input';
import type { Context } from '../graphql/context';
import { fromGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { MAX_PAGE_SIZE } from '../graphql/page-args';

/** `node` and `nodes`: any object by global ID, through the same batched loaders as everything else. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by ID; null when there is none.' })
  node(@Arg('id', () => ID, { description: 'The ID.' }) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    return loadNode(id, ctx);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by ID, in the order given (at most ${MAX_PAGE_SIZE}); null for each ID with no object.`,
  })
  nodes(@Arg('ids', () => [ID], { description: 'The IDs.' }) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) throw badInput(`\`ids\` may hold at most ${MAX_PAGE_SIZE} IDs, not ${ids.length}.`, 'ids');
    return Promise.all(ids.map((id) => loadNode(id, ctx)));
  }
}

function loadNode(globalId: string, ctx: Context): Promise<Node | null> {
  const { type, id } = fromGlobalId(globalId);
  const loader = {
    Community: ctx.loaders.communityById,
    Project: ctx.loaders.projectById,
    Event: ctx.loaders.eventById,
    Talk: ctx.loaders.talkById,
    Speaker: ctx.loaders.speakerById,
    Source: ctx.loaders.sourceById,
  }[type];
  return loader ? (loader.load(id) as Promise<Node | null>) : Promise.resolve(null);
}
