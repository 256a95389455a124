import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { EventConnection, EventListArgs } from '../events/event.args';
import { eventList } from '../events/event.list';
import { LATEST_EVENTS } from '../events/event.order';
import type { Context } from '../graphql/context';
import { ProjectConnection, ProjectListArgs } from '../projects/project.args';
import { projectList } from '../projects/project.list';
import { PROJECTS_BY_NAME } from '../projects/project.order';
import { selectColumns, toEntity } from '../lists/select-columns';
import { Community } from './community.entity';

/** Root community queries and a community's events and projects. */
@Resolver(() => Community)
export class CommunityResolver {
  @Query(() => Community, { nullable: true, description: 'A community by slug; null when there is none.' })
  community(@Arg('slug', { description: 'The community slug, e.g. `sofastack`.' }) slug: string, @Ctx() ctx: Context): Promise<Community | null> {
    return ctx.loaders.communityBySlug.load(slug.toLowerCase());
  }

  @Query(() => [Community], { description: 'Every community whose events the graph holds, by name.' })
  async communities(@Ctx() ctx: Context): Promise<Community[]> {
    const rows = await ctx.sql(`SELECT ${selectColumns(Community, 'c')} FROM community c ORDER BY c.name, c.id`);
    return rows.map((row) => toEntity(Community, row));
  }

  @FieldResolver(() => EventConnection, { description: 'Events the community held; latest first unless ordered otherwise.' })
  async events(@Root() community: Community, @Args() args: EventListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof EventConnection>> {
    return new EventConnection(await ctx.lists.page(eventList, args, LATEST_EVENTS, { relation: 'community', id: community.id }));
  }

  @FieldResolver(() => ProjectConnection, { description: 'Projects the community runs.' })
  async projects(@Root() community: Community, @Args() args: ProjectListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof ProjectConnection>> {
    return new ProjectConnection(await ctx.lists.page(projectList, args, PROJECTS_BY_NAME, { relation: 'community', id: community.id }));
  }
}
