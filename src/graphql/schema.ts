import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { ProjectPairResolver, ProjectTallyResolver, SpeakerRankingResolver } from '../analytics/analytics-links.resolver';
import { AnalyticsResolver, DataQualityResolver } from '../analytics/analytics.resolver';
import { CommunityResolver } from '../communities/community.resolver';
import { EventResolver } from '../events/event.resolver';
import { ProjectResolver } from '../projects/project.resolver';
import { SearchResolver } from '../search/search.resolver';
import { SpeakerResolver } from '../speakers/speaker.resolver';
import { TalkResolver } from '../talks/talk.resolver';
import { NodeResolver } from './node.resolver';

/** Every resolver class of the API. */
export const resolvers = [NodeResolver, CommunityResolver, ProjectResolver, EventResolver, TalkResolver, SpeakerResolver, SearchResolver,
  AnalyticsResolver, DataQualityResolver, SpeakerRankingResolver, ProjectPairResolver, ProjectTallyResolver] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process. */
export function createSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
  }).then((schema) => {
    // type-graphql leaves the root types undescribed; the schema should document itself.
    const query = schema.getQueryType();
    if (query) query.description = 'The query root: events, talks, speakers and projects of open-source communities.';
    const mutation = schema.getMutationType();
    if (mutation) mutation.description = 'The mutation root: editing the graph (needs an API key).';
    return schema;
  });
  return built;
}

/** The schema in SDL, sorted, as committed in `schema.graphql`. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
