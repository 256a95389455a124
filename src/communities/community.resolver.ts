import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import { Community } from './community.entity';

const c = tables.community.as('c');
const COMMUNITIES = `SELECT ${selectColumns(Community, 'c')} FROM ${c} ORDER BY ${c.name}, ${c.id}`;

/** Root community queries and a community's events and projects. */
@Resolver(() => Community)
export class CommunityResolver {
  @Query(() => Community, { nullable: true, description: 'A community by slug; null when there is none.' })
  community(
    @Arg('slug', { description: 'The community slug, e.g. `sofastack`.' }) slug: string,
    @Ctx() ctx: Context,
  ): Promise<Community | null> {
    return ctx.loaders.communityBySlug.load(slug.toLowerCase());
  }

  @Query(() => [Community], { description: 'Every community whose events the graph holds, by name.' })
  async communities(@Ctx() ctx: Context): Promise<Community[]> {
    const rows = await ctx.sql(COMMUNITIES);
    return rows.map((row) => toEntity(Community, row));
  }
}
