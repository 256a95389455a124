import { createUnionType, Field, Float, ObjectType } from 'type-graphql';
import { Event } from '../events/event.entity';
import { PageInfo } from '../graphql/connection';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { Talk } from '../talks/talk.entity';
import { Int } from 'type-graphql';
import { SEARCH_CANDIDATES_PER_KIND } from './search.query';

/** Anything search can find. */
export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'A project, event, talk or speaker that matched a search.',
  types: () => [Project, Event, Talk, Speaker] as const,
});

/** One search hit with its cursor and relevance. */
@ObjectType({ description: 'A search hit with its cursor and relevance.' })
export class SearchEdge {
  @Field({ description: 'Opaque cursor of this hit, for `after`.' })
  cursor: string;

  @Field(() => Float, { description: 'Relevance; higher is better. Exact name matches score highest.' })
  score: number;

  @Field(() => SearchResult, { description: 'The object found.' })
  node: typeof SearchResult;
}

/** A page of search hits, best first. */
@ObjectType({ description: 'A page of search hits, best first.' })
export class SearchConnection {
  @Field(() => [SearchEdge], { description: 'The hits of this page.' })
  edges: SearchEdge[];

  @Field(() => [SearchResult], { description: 'The objects of this page, without cursors.' })
  get nodes(): (typeof SearchResult)[] {
    return this.edges.map((edge) => edge.node);
  }

  @Field(() => PageInfo, { description: 'Information to continue paginating.' })
  pageInfo: PageInfo;

  @Field(() => Int, {
    description: `How many objects matched, counting at most ${SEARCH_CANDIDATES_PER_KIND} of each kind: search ranks the first ${SEARCH_CANDIDATES_PER_KIND} matches of each kind it finds, not every match, so that a request's work stays bounded however common the words. Exact when \`totalCountIsExact\`; otherwise at least this many matched.`,
  })
  totalCount: number;

  @Field({
    description: `Whether \`totalCount\` counts every match (false when some kind had ${SEARCH_CANDIDATES_PER_KIND} matches or more, and only that many of it were ranked and can be paged through).`,
  })
  totalCountIsExact: boolean;
}
