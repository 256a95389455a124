import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root, Info } from 'type-graphql';
import { Community } from '../communities/community.entity';
import { EventConnection, EventListArgs } from '../events/event.args';
import { eventList } from '../events/event.list';
import { LATEST_EVENTS } from '../events/event.order';
import { badInput } from '../graphql/bad-input';
import type { Context } from '../graphql/context';
import { nestedList, nodeSelection } from '../lists/lookahead';
import { MAX_PAGE_SIZE } from '../graphql/page-args';
import { SourceReference } from '../sources/source-reference';
import { SpeakerConnection, SpeakerListArgs } from '../speakers/speaker.args';
import { speakerList } from '../speakers/speaker.list';
import { SPEAKERS_BY_NAME } from '../speakers/speaker.order';
import { TalkConnection, TalkListArgs } from '../talks/talk.args';
import { talkList } from '../talks/talk.list';
import { NEWEST_TALKS } from '../talks/talk.order';
import { ProjectConnection, ProjectListArgs } from './project.args';
import { projectList } from './project.list';
import { PROJECTS_BY_NAME } from './project.order';
import { Project } from './project.entity';
import { projectByKeyRoot } from './project.loaders';
import { projectKey } from '../database/name-key';

/** Root project queries and the fields that link a project to the rest of the graph. */
@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: 'A project by slug, name or any former name or alias, case-insensitively (`fescar` is Seata); null when there is none.' })
  project(
    @Arg('slug', { description: 'Slug, name or alias, e.g. `seata`, `SOFAServerless`.' }) slug: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Project | null> {
    // A project page's talks come with the project, in one statement.
    const talks = nestedList(info, 'talks');
    const withTalks = talks?.readsRows && ctx.lists.rootWithPage(projectByKeyRoot, projectKey(slug), talkList, talks.args, NEWEST_TALKS, 'project', talks.selection);
    return withTalks || ctx.loaders.projectByName.load(slug);
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

  @FieldResolver(() => TalkConnection, { description: 'Talks that covered the project, under any of its names; newest first unless ordered otherwise.' })
  async talks(@Root() project: Project, @Args() args: TalkListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<InstanceType<typeof TalkConnection>> {
    return new TalkConnection(await ctx.lists.page(talkList, args, NEWEST_TALKS, { relation: 'project', id: project.id }, nodeSelection(info)));
  }

  @FieldResolver(() => SpeakerConnection, { description: 'People who spoke about the project or hold a role in it.' })
  async speakers(@Root() project: Project, @Args() args: SpeakerListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof SpeakerConnection>> {
    return new SpeakerConnection(await ctx.lists.page(speakerList, args, SPEAKERS_BY_NAME, { relation: 'project', id: project.id }));
  }

  @FieldResolver(() => EventConnection, { description: 'Events with a talk that covered the project; latest first unless ordered otherwise.' })
  async events(@Root() project: Project, @Args() args: EventListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof EventConnection>> {
    return new EventConnection(await ctx.lists.page(eventList, args, LATEST_EVENTS, { relation: 'project', id: project.id }));
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
