import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Community } from '../communities/community.entity';
import type { Context } from '../graphql/context';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { EventConnection, EventListArgs } from './event.args';
import { eventList } from './event.list';
import { LATEST_EVENTS } from './event.order';

// The events of a community, a project and a person live here, with the events, so that
// communities/, projects/ and speakers/ import nothing from events/.

@Resolver(() => Community)
export class CommunityEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Events the community held; latest first unless ordered otherwise.' })
  async events(
    @Root() community: Community,
    @Args() args: EventListArgs,
    @Ctx() ctx: Context,
  ): Promise<InstanceType<typeof EventConnection>> {
    return new EventConnection(await ctx.lists.page(eventList, args, LATEST_EVENTS, { relation: 'community', id: community.id }));
  }
}

@Resolver(() => Project)
export class ProjectEventsResolver {
  @FieldResolver(() => EventConnection, {
    description: 'Events with a talk that covered the project; latest first unless ordered otherwise.',
  })
  async events(@Root() project: Project, @Args() args: EventListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof EventConnection>> {
    return new EventConnection(await ctx.lists.page(eventList, args, LATEST_EVENTS, { relation: 'project', id: project.id }));
  }
}

@Resolver(() => Speaker)
export class SpeakerEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Events the person took part in, latest first unless ordered otherwise.' })
  async events(@Root() speaker: Speaker, @Args() args: EventListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof EventConnection>> {
    return new EventConnection(await ctx.lists.page(eventList, args, LATEST_EVENTS, { relation: 'speaker', id: speaker.id }));
  }
}
