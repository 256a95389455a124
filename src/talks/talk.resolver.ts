import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, ID, Arg, Query, Resolver, Root, Info } from 'type-graphql';
import { Event } from '../events/event.entity';
import type { Context } from '../graphql/context';
import { nodeSelection } from '../lists/lookahead';
import { fromGlobalId } from '../graphql/global-id';
import { Project } from '../projects/project.entity';
import { ExternalId } from '../sources/external-id';
import { SourceReference } from '../sources/source-reference';
import { Speaker } from '../speakers/speaker.entity';
import { TalkConnection, TalkListArgs } from './talk.args';
import { TalkCredit } from './talk-credit';
import { talkEmbed } from './talk-embeds';
import { talkList } from './talk.list';
import { NEWEST_TALKS } from './talk.order';
import { Talk } from './talk.entity';

/** Root talk queries and the fields that link a talk to the rest of the graph. */
@Resolver(() => Talk)
export class TalkResolver {
  @Query(() => Talk, { nullable: true, description: 'A talk by ID; null when there is none.' })
  talk(@Arg('id', () => ID, { description: 'The talk ID.' }) id: string, @Ctx() ctx: Context): Promise<Talk | null> {
    return ctx.loaders.talkById.load(fromGlobalId(id, 'Talk').id);
  }

  @Query(() => TalkConnection, {
    description: 'Talks, newest first unless ordered otherwise. `filter: {projects: ["seata"]}` answers "which talks covered Seata?".',
  })
  async talks(
    @Args() args: TalkListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstanceType<typeof TalkConnection>> {
    return new TalkConnection(await ctx.lists.page(talkList, args, NEWEST_TALKS, undefined, nodeSelection(info)));
  }

  @FieldResolver(() => Event, { description: 'The event the talk was given at.' })
  // Each relation comes from the talk's page when the page brought it along (talk-embeds.ts), else from its loader.
  // An embedded relation is returned as it is, not in a promise: the executor completes it at once.
  event(@Root() talk: Talk, @Ctx() ctx: Context): Event | Promise<Event> {
    return talkEmbed(talk, 'event') ?? (ctx.loaders.eventById.load(talk.eventId) as Promise<Event>);
  }

  @FieldResolver(() => [Speaker], { description: 'Everyone credited on the talk, in agenda order.' })
  speakers(@Root() talk: Talk, @Ctx() ctx: Context): Speaker[] | Promise<Speaker[]> {
    const credits = talkEmbed(talk, 'credits');
    if (credits) return credits.map((credit) => credit.speaker);
    return ctx.loaders.creditsByTalk.load(talk.id).then((loaded) => loaded.map((credit) => credit.speaker));
  }

  @FieldResolver(() => [TalkCredit], { description: 'Everyone credited on the talk, with the part they played.' })
  credits(@Root() talk: Talk, @Ctx() ctx: Context): TalkCredit[] | Promise<TalkCredit[]> {
    return talkEmbed(talk, 'credits') ?? ctx.loaders.creditsByTalk.load(talk.id);
  }

  @FieldResolver(() => [TalkCredit], {
    description:
      'Who was credited on a withdrawn talk when its source dropped it, for editors reviewing it (a withdrawn talk has no `credits`); empty while the talk is in force.',
  })
  withdrawnCredits(@Root() talk: Talk, @Ctx() ctx: Context): Promise<TalkCredit[]> {
    return ctx.loaders.withdrawnCreditsByTalk.load(talk.id);
  }

  @FieldResolver(() => [Project], { description: 'The projects the talk covered.' })
  projects(@Root() talk: Talk, @Ctx() ctx: Context): Project[] | Promise<Project[]> {
    return talkEmbed(talk, 'projects') ?? ctx.loaders.projectsByTalk.load(talk.id);
  }

  @FieldResolver(() => [SourceReference], { description: 'Where the facts about this talk were read.' })
  sources(@Root() talk: Talk, @Ctx() ctx: Context): Promise<SourceReference[]> {
    return ctx.loaders.sourcesByRecord.load(`Talk:${talk.id}`);
  }

  @FieldResolver(() => [ExternalId], { description: 'The ids the sources give this talk, by source.' })
  externalIds(@Root() talk: Talk, @Ctx() ctx: Context): Promise<ExternalId[]> {
    return ctx.loaders.externalIdsByRecord.load(`Talk:${talk.id}`);
  }
}
