import express, { type Response, type Router } from 'express';
import type { Database } from '../database/database';
import { SqlParams } from '../database/sql-params';
import { projectIdsNamed } from '../projects/project-match';
import { feedEvents } from './feed-events.query';
import { icalFeed } from './ical-feed';

/** iCalendar feeds people subscribe to: `/events.ics` and `/projects/<slug>/events.ics`. */
export function feedRouter(db: Database, log: (message: string, error?: unknown) => void): Router {
  const router = express.Router();
  const send = (res: Response, body: string) => {
    res.set('cache-control', 'public, max-age=300').type('text/calendar; charset=utf-8').send(body);
  };
  const failed = (res: Response, error: unknown) => {
    log('Calendar feed failed', error);
    res.status(500).type('text/plain').send('The feed could not be read from the database; try again shortly.\n');
  };

  router.get('/events.ics', async (_req, res) => {
    try {
      send(res, icalFeed('eventgraph: all events', await feedEvents(db.query)));
    } catch (error) {
      failed(res, error);
    }
  });

  router.get('/projects/:slug/events.ics', async (req, res) => {
    try {
      const params = new SqlParams();
      const [project] = await db.query<{ slug: string; name: string }>(
        `SELECT slug, name FROM project WHERE id IN (${projectIdsNamed([req.params.slug], params)}) ORDER BY id LIMIT 1`,
        params.values,
      );
      if (!project) {
        res.status(404).type('text/plain').send(`No project is named "${req.params.slug}". Use a project slug, name or alias, e.g. /projects/seata/events.ics.\n`);
        return;
      }
      send(res, icalFeed(`eventgraph: ${project.name} events`, await feedEvents(db.query, project.slug)));
    } catch (error) {
      failed(res, error);
    }
  });
  return router;
}
