import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root, Info } from 'type-graphql';
import { Community } from '../communities/community.entity';
import type { Context } from '../graphql/context';
import { rootWithNestedPage } from '../lists/nested-pages';
import { Project } from '../projects/project.entity';
import { ExternalId } from '../sources/external-id';
import { SourceReference } from '../sources/source-reference';
import { SpeakerConnection, SpeakerListArgs } from '../speakers/speaker.args';
import { speakerList } from '../speakers/speaker.list';
import { SPEAKERS_BY_NAME } from '../speakers/speaker.order';
import { EventConnection, EventListArgs } from './event.args';
import { eventList } from './event.list';
import { LATEST_EVENTS } from './event.order';
import { embeddedCommunity } from './event-community';
import { Event } from './event.entity';
import { eventBySlugRoot } from './event.loaders';

/** Root event queries and the fields that link an event to the rest of the graph. */
@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'An event by slug; null when there is none.' })
  event(
    @Arg('slug', { description: 'The event slug, e.g. `sofa-meetup-16`.' }) slug: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Event | null> {
    // An event page's agenda comes with the event, in one statement.
    return rootWithNestedPage(ctx.lists, eventBySlugRoot, slug, Event, info) || ctx.loaders.eventBySlug.load(slug);
  }

  @Query(() => EventConnection, { description: 'Events, latest first unless ordered otherwise.' })
  async events(@Args() args: EventListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof EventConnection>> {
    return new EventConnection(await ctx.lists.page(eventList, args, LATEST_EVENTS));
  }

  @FieldResolver(() => Community, { description: 'The community that held the event.' })
  community(@Root() event: Event, @Ctx() ctx: Context): Community | Promise<Community> {
    return embeddedCommunity(event) ?? (ctx.loaders.communityById.load(event.communityId) as Promise<Community>);
  }

  @FieldResolver(() => SpeakerConnection, { description: 'Everyone credited on a talk of the event.' })
  async speakers(
    @Root() event: Event,
    @Args() args: SpeakerListArgs,
    @Ctx() ctx: Context,
  ): Promise<InstanceType<typeof SpeakerConnection>> {
    return new SpeakerConnection(await ctx.lists.page(speakerList, args, SPEAKERS_BY_NAME, { relation: 'event', id: event.id }));
  }

  @FieldResolver(() => [Project], { description: 'The projects the talks of the event covered, most covered first.' })
  projects(@Root() event: Event, @Ctx() ctx: Context): Promise<Project[]> {
    return ctx.loaders.projectsByEvent.load(event.id);
  }

  @FieldResolver(() => [SourceReference], { description: 'Where the facts about this event were read.' })
  sources(@Root() event: Event, @Ctx() ctx: Context): Promise<SourceReference[]> {
    return ctx.loaders.sourcesByRecord.load(`Event:${event.id}`);
  }

  @FieldResolver(() => [ExternalId], { description: 'The ids the sources give this event, by source.' })
  externalIds(@Root() event: Event, @Ctx() ctx: Context): Promise<ExternalId[]> {
    return ctx.loaders.externalIdsByRecord.load(`Event:${event.id}`);
  }
}
