import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Analytics, checkFirst, MAX_RANKED } from './analytics';
import { AnalyticsFilter, checkAnalyticsFilter } from './analytics.filter';
import { projectCoverage } from './coverage.query';
import { completeness, dataQuality } from './data-quality.query';
import { CompletenessPoint, DataQuality } from './data-quality';
import { EventDimension, EventTally } from './event-tally';
import { eventsPerYear } from './events-per-year.query';
import { Period } from './period.enum';
import { ProjectCoverage } from './project-coverage';
import { ProjectNetwork } from './project-network';
import { projectNetwork } from './project-network.query';
import { ProjectPair } from './project-pair';
import { projectPairs } from './project-pairs.query';
import { ProjectRanking } from './project-ranking';
import { SpeakerRanking } from './speaker-ranking';
import { topProjects } from './top-projects.query';
import { topSpeakers } from './top-speakers.query';

const first = (fallback: number, things: string) =>
  Arg('first', () => Int, { defaultValue: fallback, description: `How many ${things} (1 to ${MAX_RANKED}).` });

/** The `analytics` root field and its figures, each one SQL statement. */
@Resolver(() => Analytics)
export class AnalyticsResolver {
  @Query(() => Analytics, {
    description:
      'Figures for dashboards over a slice of the graph: coverage over time, top speakers and projects, co-occurrence, events per year, a project network, data quality.',
  })
  analytics(
    @Arg('filter', () => AnalyticsFilter, { nullable: true, description: 'The slice; the whole graph when omitted.' })
    filter?: AnalyticsFilter | null,
  ): Analytics {
    const slice = filter ?? {};
    checkAnalyticsFilter(slice);
    return Object.assign(new Analytics(), { filter: slice });
  }

  @FieldResolver(() => [ProjectCoverage], {
    description:
      'Talks, events and speakers per project and period, most covered projects first (or the projects the filter names); periods without any are present with zeros.',
  })
  coverage(
    @Root() analytics: Analytics,
    @Ctx() ctx: Context,
    @Arg('period', () => Period, { defaultValue: Period.QUARTER, description: 'Month, quarter or year.' }) period: Period,
    @first(10, 'projects') count: number,
  ): Promise<ProjectCoverage[]> {
    return projectCoverage(ctx.sql, analytics.filter, period, checkFirst(count));
  }

  @FieldResolver(() => [SpeakerRanking], {
    description: 'People credited on the most talks, with the projects they spoke about and their first and last appearance.',
  })
  topSpeakers(@Root() analytics: Analytics, @Ctx() ctx: Context, @first(10, 'people') count: number): Promise<SpeakerRanking[]> {
    return topSpeakers(ctx.sql, analytics.filter, checkFirst(count));
  }

  @FieldResolver(() => [ProjectRanking], { description: 'Projects covered by the most talks.' })
  topProjects(@Root() analytics: Analytics, @Ctx() ctx: Context, @first(10, 'projects') count: number): Promise<ProjectRanking[]> {
    return topProjects(ctx.sql, analytics.filter, checkFirst(count));
  }

  @FieldResolver(() => [ProjectPair], {
    description:
      'Pairs of projects covered at the same event, most events first, with how many talks covered both. With a project filter, the pairs that include one of its projects.',
  })
  projectPairs(@Root() analytics: Analytics, @Ctx() ctx: Context, @first(20, 'pairs') count: number): Promise<ProjectPair[]> {
    return projectPairs(ctx.sql, analytics.filter, checkFirst(count));
  }

  @FieldResolver(() => [EventTally], {
    description: 'Events per year and series, format or city; every value has every year, zeros included.',
  })
  eventsPerYear(
    @Root() analytics: Analytics,
    @Ctx() ctx: Context,
    @Arg('by', () => EventDimension, { description: 'Series, format or city.' }) by: EventDimension,
  ): Promise<EventTally[]> {
    return eventsPerYear(ctx.sql, analytics.filter, by);
  }

  @FieldResolver(() => ProjectNetwork, {
    nullable: true,
    description:
      "A project's speakers and the other projects they spoke about; null for an unknown project. The filter's projects do not apply here.",
  })
  async projectNetwork(
    @Root() analytics: Analytics,
    @Ctx() ctx: Context,
    @Arg('project', { description: 'Slug, name or alias, e.g. `seata`.' }) name: string,
    @first(50, 'people') count: number,
  ): Promise<ProjectNetwork | null> {
    checkFirst(count);
    const project = await ctx.loaders.projectByName.load(name);
    if (!project) return null;
    return Object.assign(new ProjectNetwork(), { project, speakers: await projectNetwork(ctx.sql, analytics.filter, project.id, count) });
  }

  @FieldResolver(() => DataQuality, { description: 'What editors still have to fill in.' })
  dataQuality(@Root() analytics: Analytics, @Ctx() ctx: Context): Promise<DataQuality> {
    return dataQuality(ctx.sql, analytics.filter);
  }
}

/** The share of complete talks over time. */
@Resolver(() => DataQuality)
export class DataQualityResolver {
  @FieldResolver(() => [CompletenessPoint], { description: 'The share of complete talks per period; periods without talks are present.' })
  completeness(
    @Root() quality: DataQuality,
    @Ctx() ctx: Context,
    @Arg('period', () => Period, { defaultValue: Period.YEAR, description: 'Month, quarter or year.' }) period: Period,
  ): Promise<CompletenessPoint[]> {
    return completeness(ctx.sql, quality.filter, period);
  }
}
