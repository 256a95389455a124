import type DataLoader from 'dataloader';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../graphql/bad-input';
import type { Context } from '../graphql/context';
import { checkSearchText } from '../graphql/limits/free-text.estimator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/page-args';
import { SearchType } from './search-type.enum';
import { SearchConnection, SearchEdge } from './search-result';
import { searchGraph } from './search.query';

const ALL_TYPES = Object.values(SearchType);

/** Full-text search across projects, events, talks and speakers. */
@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    description: 'Projects, events, talks and speakers whose text contains every word of `query` (Chinese and English), best first.',
  })
  async search(
    @Arg('query', { description: 'Words to find, e.g. `Seata 新征程`.' }) query: string,
    @Ctx() ctx: Context,
    @Arg('types', () => [SearchType], { nullable: true, description: 'Only these kinds; all kinds when omitted.' })
    types?: SearchType[] | null,
    @Arg('first', () => Int, { nullable: true, description: `How many hits (1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
    first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Hits after this cursor.' }) after?: string | null,
  ): Promise<SearchConnection> {
    if (!query.trim()) throw badInput('`query` must contain at least one word.', 'query');
    checkSearchText(query, 'query');
    const limit = first ?? DEFAULT_PAGE_SIZE;
    if (limit < 1 || limit > MAX_PAGE_SIZE) throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, not ${limit}.`, 'first');
    const offset = after == null ? 0 : decodeOffset(after) + 1;
    const { hits, total, exact } = await searchGraph(ctx.sql, query, types?.length ? types : ALL_TYPES, limit, offset);
    const loaders = {
      PROJECT: ctx.loaders.projectById,
      EVENT: ctx.loaders.eventById,
      TALK: ctx.loaders.talkById,
      SPEAKER: ctx.loaders.speakerById,
    };
    // The hits came whole: the rest of the request finds them in its loaders.
    for (const hit of hits) (loaders[hit.type] as DataLoader<number, typeof hit.node>).prime(hit.id, hit.node);
    const edges = hits.map((hit, i) =>
      Object.assign(new SearchEdge(), { cursor: encodeOffset(offset + i), score: hit.score, node: hit.node }),
    );
    return Object.assign(new SearchConnection(), {
      edges,
      totalCount: total,
      totalCountIsExact: exact,
      pageInfo: {
        hasNextPage: offset + hits.length < total,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    });
  }
}

function encodeOffset(offset: number): string {
  return Buffer.from(`search:${offset}`).toString('base64url');
}

function decodeOffset(cursor: string): number {
  const match = /^search:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('`after` is not a cursor of a search result: pass an `endCursor` the search returned.', 'after');
  return Number(match[1]);
}
