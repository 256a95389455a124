import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Project } from '../projects/project.entity';
import { ProjectTally } from './project-network';
import { ProjectPair } from './project-pair';
import { SpeakerRanking } from './speaker-ranking';

const projects = async (ctx: Context, ids: readonly number[]): Promise<Project[]> =>
  (await ctx.loaders.projectById.loadMany(ids)).filter((p): p is Project => p instanceof Project);

/** The projects an analytics figure refers to, loaded in one batch per request. */
@Resolver(() => SpeakerRanking)
export class SpeakerRankingResolver {
  @FieldResolver(() => [Project], { complexity: 2, description: 'Projects the person spoke about, most talks first.' })
  projects(@Root() ranking: SpeakerRanking, @Ctx() ctx: Context): Promise<Project[]> {
    return projects(ctx, ranking.projectIds);
  }
}

/** The two projects of a pair, loaded in one batch per request. */
@Resolver(() => ProjectPair)
export class ProjectPairResolver {
  @FieldResolver(() => [Project], { complexity: 2, description: 'The two projects, in a stable order.' })
  projects(@Root() pair: ProjectPair, @Ctx() ctx: Context): Promise<Project[]> {
    return projects(ctx, pair.projectIds);
  }
}

/** The project of a tally, loaded in one batch per request. */
@Resolver(() => ProjectTally)
export class ProjectTallyResolver {
  @FieldResolver(() => Project, { description: 'The project.' })
  async project(@Root() tally: ProjectTally, @Ctx() ctx: Context): Promise<Project> {
    return (await ctx.loaders.projectById.load(tally.projectId))!;
  }
}
