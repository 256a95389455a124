import { GraphQLScalarType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { ProjectPairResolver, ProjectTallyResolver, SpeakerRankingResolver } from '../analytics/analytics-links.resolver';
import { AnalyticsResolver, DataQualityResolver } from '../analytics/analytics.resolver';
import { AuditResolver } from '../audit/audit.resolver';
import { ApiKeyMutations } from '../auth/api-key.mutations';
import { ApiKeyResolver } from '../auth/api-key.resolver';
import { authChecker } from '../auth/auth-checker';
import { CommunityResolver } from '../communities/community.resolver';
import { EventPageImportResolver } from '../events/event-page-import.resolver';
import { EventMergeResolver } from '../events/event-merge.resolver';
import { EventMutations } from '../events/event.mutations';
import { EventResolver } from '../events/event.resolver';
import { CommunityEventsResolver, ProjectEventsResolver, SpeakerEventsResolver } from '../events/event-relations.resolver';
import { ProjectMutations } from '../projects/project.mutations';
import { ProjectResolver } from '../projects/project.resolver';
import { CommunityProjectsResolver } from '../projects/project-relations.resolver';
import { DataQualityConflictsResolver, FactConflictResolver } from '../provenance/fact-conflicts.resolver';
import { EventFactValuesResolver, TalkFactValuesResolver } from '../provenance/fact-values.resolver';
import { SearchResolver } from '../search/search.resolver';
import { SourceMutations } from '../sources/source.mutations';
import { SourceResolver } from '../sources/source.resolver';
import { SourceReferenceResolver } from '../sources/source-reference.resolver';
import { SpeakerMutations } from '../speakers/speaker.mutations';
import { SpeakerResolver } from '../speakers/speaker.resolver';
import { ProjectSpeakersResolver } from '../speakers/speaker-relations.resolver';
import { TalkMergeResolver } from '../talks/talk-merge.resolver';
import { TalkMutations } from '../talks/talk.mutations';
import { TalkResolver } from '../talks/talk.resolver';
import { EventTalksResolver, ProjectTalksResolver, SpeakerTalksResolver } from '../talks/talk-relations.resolver';
import type { Execution } from '../config';
import { resolveDirectly } from '../graphql/direct-resolvers';
import { NodeResolver } from './node.resolver';

/** Every resolver class of the API. */
export const resolvers = [
  NodeResolver,
  CommunityResolver,
  ProjectResolver,
  EventResolver,
  TalkResolver,
  SpeakerResolver,
  // Relations live with the concept they list (talks/ holds Project.talks, …): see src/lists/README.md.
  ProjectTalksResolver,
  EventTalksResolver,
  SpeakerTalksResolver,
  CommunityEventsResolver,
  ProjectEventsResolver,
  SpeakerEventsResolver,
  CommunityProjectsResolver,
  ProjectSpeakersResolver,
  SearchResolver,
  EventMutations,
  EventPageImportResolver,
  TalkMutations,
  TalkMergeResolver,
  EventMergeResolver,
  SpeakerMutations,
  ProjectMutations,
  SourceResolver,
  SourceReferenceResolver,
  TalkFactValuesResolver,
  EventFactValuesResolver,
  DataQualityConflictsResolver,
  FactConflictResolver,
  SourceMutations,
  AuditResolver,
  ApiKeyResolver,
  ApiKeyMutations,
  AnalyticsResolver,
  DataQualityResolver,
  SpeakerRankingResolver,
  ProjectPairResolver,
  ProjectTallyResolver,
] as const;

/**
 * graphql-scalars' DateTime, serialized to its ISO text at once: it hands `Date` objects on to
 * the response, and `JSON.stringify` reaching each one through `toJSON` cost twice as much
 * (a page of 50 talks with their events has a hundred timestamps). Same text, same schema.
 */
const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  serialize(value) {
    // A valid date, as nearly every value is, goes straight to text; anything else is checked as before.
    if (value instanceof Date && value.getTime() === value.getTime()) return value.toISOString();
    const serialized = DateTimeResolver.serialize(value);
    return serialized instanceof Date ? serialized.toISOString() : serialized;
  },
});

const built = new Map<Execution, Promise<GraphQLSchema>>();

/** The executable schema, built once per process and way of execution (each has its own: the bypasses change it). */
export function createSchema(execution: Execution = 'jit'): Promise<GraphQLSchema> {
  const existing = built.get(execution);
  if (existing) return existing;
  const schema = buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTime }],
    validate: false,
    authChecker,
  }).then((schema) => {
    // type-graphql leaves the root types undescribed; the schema should document itself.
    const query = schema.getQueryType();
    if (query) query.description = 'The query root: events, talks, speakers and projects of open-source communities.';
    const mutation = schema.getMutationType();
    if (mutation) mutation.description = 'The mutation root: editing the graph (needs an API key).';
    if (execution === 'jit') resolveDirectly(schema);
    return schema;
  });
  built.set(execution, schema);
  return schema;
}

/** The schema in SDL, sorted, as committed in `schema.graphql`. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}
