import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Community } from '../communities/community.entity';
import { connectionTypes } from '../graphql/connection';
import type { Context } from '../graphql/context';
import { OrderDirection } from '../graphql/order-direction.enum';
import { PageArgs } from '../graphql/page-args';
import { sourceList } from './source.list';
import { Source } from './source.entity';

/** A page of registered sources. */
export const { ConnectionType: SourceConnection } = connectionTypes(Source, 'Source');

/** The registered sources, and the community each belongs to. */
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'The registered sources `npm run sync` reads, in the order they were registered.' })
  async sources(@Args() args: PageArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof SourceConnection>> {
    return new SourceConnection(
      await ctx.lists.page(sourceList, { ...args, filter: null }, { field: 'ORDER', direction: OrderDirection.ASC }),
    );
  }

  @FieldResolver(() => Community, { description: 'The community its events belong to.' })
  community(@Root() source: Source, @Ctx() ctx: Context): Promise<Community> {
    return ctx.loaders.communityById.load(source.communityId) as Promise<Community>;
  }
}
