import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Community } from '../communities/community.entity';
import type { Context } from '../graphql/context';
import { ProjectConnection, ProjectListArgs } from './project.args';
import { projectList } from './project.list';
import { PROJECTS_BY_NAME } from './project.order';

/** A community's projects, here with the projects so that communities/ imports nothing from projects/. */
@Resolver(() => Community)
export class CommunityProjectsResolver {
  @FieldResolver(() => ProjectConnection, { description: 'Projects the community runs.' })
  async projects(
    @Root() community: Community,
    @Args() args: ProjectListArgs,
    @Ctx() ctx: Context,
  ): Promise<InstanceType<typeof ProjectConnection>> {
    return new ProjectConnection(await ctx.lists.page(projectList, args, PROJECTS_BY_NAME, { relation: 'community', id: community.id }));
  }
}
