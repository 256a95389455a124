import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SqlRunner } from '../database/database';
import type { ReadRoute } from '../database/replicas/read-route';
import type { ResponseCache } from '../graphql/response-cache/response-cache';

/** What the feeds and exports share with `/graphql`: its address counters and its response cache. */
export interface FeedOptions {
  /** `/graphql`'s address counter (http/rate-limit.ts): typed by the one method used, as http/ mounts these routes. */
  rateLimit: { address(req: IncomingMessage, res: ServerResponse): Promise<boolean> };
  /** Null when the response cache is off. */
  cache: ResponseCache | null;
  log: (message: string, error?: unknown) => void;
  /** Where a request's reads go (the primary, or a replica that has its address's writes). */
  reads(req: IncomingMessage): ReadRoute;
}

/** What a request asks for: its cache key, and how to make its body with `sql` (null: `build` has answered itself, a 404 say). */
export interface DocumentRequest {
  key: string;
  build(sql: SqlRunner): Promise<string | null>;
}

/** A document served over GET: its content type, and what a request asks for (null: refused, the answer sent). */
export interface DocumentSource {
  type: string;
  read(req: Request, res: Response): DocumentRequest | null;
}

/** Counts a request against its address as a `/graphql` request is counted; a refused request has its 429 already. */
export function countedByAddress({ rateLimit }: FeedOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (await rateLimit.address(req, res)) next();
  };
}

/**
 * Answers a GET with a document from the response cache, or else with what `build` makes,
 * stored when no change landed meanwhile: a calendar or schedule app polling every minute costs
 * no SQL until the data changes (the cache forgets it on the same change notifications).
 */
export function cachedDocument({ cache, log, reads }: FeedOptions, source: DocumentSource) {
  return async (req: Request, res: Response) => {
    const asked = source.read(req, res);
    if (!asked) return;
    // Document keys cannot meet a query's, which start with the document's hash.
    const key = `feed\n${asked.key}`;
    const generation = cache?.current ?? 0;
    const stored = cache?.get(key)?.body;
    const route = reads(req);
    route.allowReplicas();
    try {
      const body = typeof stored === 'string' ? stored : await asked.build(route.query);
      if (body === null) return;
      if (cache) res.set('x-response-cache', typeof stored === 'string' ? 'HIT' : 'MISS');
      // Read from a replica, stored only as the response cache's plugin stores (ReadRoute.cacheable).
      if (typeof stored !== 'string' && route.cacheable(generation)) cache?.set(key, generation, { body });
      res.set('cache-control', 'public, max-age=300').type(source.type).send(body);
    } catch (error) {
      log('Feed or export failed', error);
      res.status(500).type('text/plain').send('The document could not be read from the database; try again shortly.\n');
    }
  };
}
