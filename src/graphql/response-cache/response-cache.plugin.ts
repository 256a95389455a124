import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { ResponseCacheInvalidation } from '../../config';
import type { Context } from '../context';
import { cacheKey } from './cache-key';
import type { ResponseCache } from './response-cache';

/**
 * Answers anonymous queries from `cache` and stores their successful responses. The answer is
 * looked up after the operation is parsed, validated and costed, so every limit still refuses
 * what it refuses; requests with an API key neither read nor fill the cache. Each response says
 * `x-response-cache: HIT` or `MISS`. An answer is stored with the tables its statements read (with
 * `keys`, the keys instead of the keyed tables where a statement was confined to them), so that a
 * change forgets only the answers that read what it wrote. `invalidation` must be the one
 * `invalidateOnChange` runs with: an answer tagged by keys is forgotten only by changes that name keys.
 */
export function responseCachePlugin(cache: ResponseCache, invalidation: ResponseCacheInvalidation): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const generation = cache.current;
      let key: string | null = null;
      let hit = false;
      return {
        async responseForOperation({ operation, request, queryHash }) {
          if (operation.operation !== 'query' || contextValue.viewer || !queryHash) return null;
          try {
            key = cacheKey(
              queryHash,
              request.operationName,
              request.variables,
              operation.variableDefinitions?.map((d) => d.variable.name.value) ?? [],
            );
          } catch {
            // Variables nested too deep to write out: execution refuses them; nothing to cache.
            return null;
          }
          const data = cache.get(key);
          if (!data) return null;
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
        async willSendResponse({ response }) {
          response.http.headers.set('x-response-cache', hit ? 'HIT' : 'MISS');
          if (hit || !key || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          // An answer read from a replica is stored only once that replica had replayed every write that invalidated the cache (ReadRoute.cacheable).
          if (!errors && data && (response.http.status ?? 200) === 200 && contextValue.reads.cacheable(generation))
            cache.set(key, generation, data, invalidation === 'keys' ? contextValue.tagsRead : contextValue.tablesRead);
        },
      };
    },
  };
}
