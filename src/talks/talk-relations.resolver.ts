import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Event } from '../events/event.entity';
import type { Context } from '../graphql/context';
import { nodeSelection } from '../lists/lookahead';
import { declareNestedPage } from '../lists/nested-pages';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { TalkConnection, TalkListArgs } from './talk.args';
import { talkList } from './talk.list';
import { AGENDA_ORDER, NEWEST_TALKS } from './talk.order';

// The talks of a project, an event and a person live here, with the talks, so that projects/,
// events/ and speakers/ import nothing from talks/. A project or event looked up by slug reads its
// first page of talks in the lookup's statement (see `rootWithNestedPage`).
const projectTalks = { list: talkList, order: NEWEST_TALKS, relation: 'project' };
const eventTalks = { list: talkList, order: AGENDA_ORDER, relation: 'event' };
declareNestedPage(Project, 'talks', projectTalks);
declareNestedPage(Event, 'talks', eventTalks);

@Resolver(() => Project)
export class ProjectTalksResolver {
  @FieldResolver(() => TalkConnection, {
    description: 'Talks that covered the project, under any of its names; newest first unless ordered otherwise.',
  })
  async talks(
    @Root() project: Project,
    @Args() args: TalkListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstanceType<typeof TalkConnection>> {
    return new TalkConnection(
      await ctx.lists.page(talkList, args, projectTalks.order, { relation: 'project', id: project.id }, nodeSelection(info)),
    );
  }
}

@Resolver(() => Event)
export class EventTalksResolver {
  @FieldResolver(() => TalkConnection, { description: 'The talks of the event, in agenda order unless ordered otherwise.' })
  async talks(
    @Root() event: Event,
    @Args() args: TalkListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstanceType<typeof TalkConnection>> {
    return new TalkConnection(
      await ctx.lists.page(talkList, args, eventTalks.order, { relation: 'event', id: event.id }, nodeSelection(info)),
    );
  }
}

@Resolver(() => Speaker)
export class SpeakerTalksResolver {
  @FieldResolver(() => TalkConnection, { description: 'Talks the person took part in, newest first unless ordered otherwise.' })
  async talks(
    @Root() speaker: Speaker,
    @Args() args: TalkListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstanceType<typeof TalkConnection>> {
    return new TalkConnection(
      await ctx.lists.page(talkList, args, NEWEST_TALKS, { relation: 'speaker', id: speaker.id }, nodeSelection(info)),
    );
  }
}
