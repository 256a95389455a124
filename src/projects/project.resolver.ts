import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root, Info } from 'type-graphql';
import { Community } from '../communities/community.entity';
import { badInput } from '../graphql/bad-input';
import type { Context } from '../graphql/context';
import { rootWithNestedPage } from '../lists/nested-pages';
import { MAX_PAGE_SIZE } from '../graphql/page-args';
import { SourceReference } from '../sources/source-reference';
import { ProjectConnection, ProjectListArgs } from './project.args';
import { projectList } from './project.list';
import { PROJECTS_BY_NAME } from './project.order';
import { Project } from './project.entity';
import { projectByKeyRoot } from './project.loaders';
import { projectKey } from '../database/name-key';

/** Root project queries and the fields that link a project to the rest of the graph. */
@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, {
    nullable: true,
    description: 'A project by slug, name or any former name or alias, case-insensitively (`fescar` is Seata); null when there is none.',
  })
  project(
    @Arg('slug', { description: 'Slug, name or alias, e.g. `seata`, `SOFAServerless`.' }) slug: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Project | null> {
    // A project page's talks come with the project, in one statement.
    return rootWithNestedPage(ctx.lists, projectByKeyRoot, projectKey(slug), Project, info) || ctx.loaders.projectByName.load(slug);
  }

  @Query(() => ProjectConnection, { description: 'Projects, by name unless ordered otherwise.' })
  async projects(@Args() args: ProjectListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof ProjectConnection>> {
    return new ProjectConnection(await ctx.lists.page(projectList, args, PROJECTS_BY_NAME));
  }

  @FieldResolver(() => [String], { description: 'Former and alternative names, e.g. `Fescar` for Seata.' })
  aliases(@Root() project: Project, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.aliasesByProject.load(project.id);
  }

  @FieldResolver(() => Community, { nullable: true, description: 'The community that runs the project, when it is one of ours.' })
  async community(@Root() project: Project, @Ctx() ctx: Context): Promise<Community | null> {
    return project.communityId == null ? null : ctx.loaders.communityById.load(project.communityId);
  }

  @FieldResolver(() => [Project], { description: 'Projects covered in the same talks, most shared talks first.' })
  async relatedProjects(
    @Root() project: Project,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many (1 to ${MAX_PAGE_SIZE}).` }) first: number,
  ): Promise<Project[]> {
    if (first < 1 || first > MAX_PAGE_SIZE) throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, not ${first}.`, 'first');
    return (await ctx.loaders.relatedProjects.load(project.id)).slice(0, first);
  }

  @FieldResolver(() => [SourceReference], { description: 'Where the facts about this project were read.' })
  sources(@Root() project: Project, @Ctx() ctx: Context): Promise<SourceReference[]> {
    return ctx.loaders.sourcesByRecord.load(`Project:${project.id}`);
  }
}
