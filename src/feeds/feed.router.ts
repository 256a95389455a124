import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Database } from '../database/database';
import { SqlParams } from '../database/sql-params';
import type { ResponseCache } from '../graphql/response-cache/response-cache';
import type { RateLimiter } from '../http/rate-limit';
import { projectIdsNamed } from '../projects/project-match';
import { feedEvents } from './feed-events.query';
import { icalFeed } from './ical-feed';

/** What the feeds share with `/graphql`: its address counters and its response cache. */
export interface FeedOptions {
  rateLimit: RateLimiter;
  /** Null when the response cache is off. */
  cache: ResponseCache | null;
  log: (message: string, error?: unknown) => void;
}

/**
 * iCalendar feeds people subscribe to: `/events.ics` and `/projects/<slug>/events.ics`. Each
 * request counts against its address as a `/graphql` request does, and a feed is kept in the
 * response cache, so a calendar client polling every minute costs no SQL until the data changes
 * (the cache forgets it on the same change notifications).
 */
export function feedRouter(db: Database, { rateLimit, cache, log }: FeedOptions): Router {
  const router = express.Router();
  const limited = async (req: Request, res: Response, next: NextFunction) => {
    if (await rateLimit.address(req, res)) next();
  };
  /** Answers from the cache, or else with what `build` makes (null: it has answered itself), stored when it may be. */
  const feed = (build: (req: Request, res: Response) => Promise<string | null>) => async (req: Request, res: Response) => {
    // Feed keys cannot meet a query's, which start with the document's hash.
    const key = `feed\n${req.path}`;
    const generation = cache?.current ?? 0;
    const stored = cache?.get(key)?.ics;
    try {
      const body = typeof stored === 'string' ? stored : await build(req, res);
      if (body === null) return;
      if (cache) res.set('x-response-cache', typeof stored === 'string' ? 'HIT' : 'MISS');
      if (typeof stored !== 'string') cache?.set(key, generation, { ics: body });
      res.set('cache-control', 'public, max-age=300').type('text/calendar; charset=utf-8').send(body);
    } catch (error) {
      log('Calendar feed failed', error);
      res.status(500).type('text/plain').send('The feed could not be read from the database; try again shortly.\n');
    }
  };

  router.get('/events.ics', limited, feed(async () => icalFeed('eventgraph: all events', await feedEvents(db.query))));

  router.get(
    '/projects/:slug/events.ics',
    limited,
    feed(async (req, res) => {
      const slug = req.params.slug as string;
      const params = new SqlParams();
      const [project] = await db.query<{ slug: string; name: string }>(
        `SELECT slug, name FROM project WHERE id IN (${projectIdsNamed([slug], params)}) ORDER BY id LIMIT 1`,
        params.values,
      );
      if (!project) {
        res.status(404).type('text/plain').send(`No project is named "${slug}". Use a project slug, name or alias, e.g. /projects/seata/events.ics.\n`);
        return null;
      }
      return icalFeed(`eventgraph: ${project.name} events`, await feedEvents(db.query, project.slug));
    }),
  );
  return router;
}
