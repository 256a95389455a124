import express, { type Request, type Response, type Router } from 'express';
import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { scheduleTalks } from '../exports/schedule-talks.query';
import { tryGlobalId } from '../graphql/global-id';
import { projectIdsNamed } from '../projects/project-match';
import { speakerIsOneOf } from '../speakers/speaker-match';
import type { TalkFilter } from '../talks/talk.filter';
import { cachedDocument, countedByAddress, type FeedOptions } from '../exports/cached-document';
import { feedEvents } from './feed-events.query';
import { icalFeed } from './ical-feed';
import { talkIcalFeed } from './talk-ical-feed';

export type { FeedOptions } from '../exports/cached-document';

const CALENDAR = 'text/calendar; charset=utf-8';
const MAX_NAME = 200;

const s = tables.speaker.as('s');
const e = tables.event.as('e');
const p = tables.project.as('p');
const EVENT_BY_ID_OR_SLUG = `SELECT ${e.slug}, ${e.title} FROM ${e} WHERE ${e.id} = $1 OR ${e.slug} = $2 ORDER BY ${e.id} LIMIT 1`;

/** Who or what a talk feed is about, found by the name in its path, or the 404 text when nothing is. */
type Subject = { title: string; filter: TalkFilter } | { missing: string };

/**
 * iCalendar feeds people subscribe to: `/events.ics` and `/projects/<slug>/events.ics` (one
 * entry per event), and `/projects/<slug>/talks.ics`, `/speakers/<id or name>/talks.ics` and
 * `/events/<slug or id>/talks.ics` (one entry per talk, with its speakers). Each request counts
 * against its address as a `/graphql` request does, and a feed is kept in the response cache.
 */
export function feedRouter(options: FeedOptions): Router {
  const router = express.Router();
  const limited = countedByAddress(options);
  const calendar = (build: (req: Request, res: Response, sql: SqlRunner) => Promise<string | null>) =>
    cachedDocument(options, { type: CALENDAR, read: (req, res) => ({ key: req.path, build: (sql) => build(req, res, sql) }) });

  router.get(
    '/events.ics',
    limited,
    calendar(async (_req, _res, sql) => icalFeed('eventgraph: all events', await feedEvents(sql))),
  );

  router.get(
    '/projects/:slug/events.ics',
    limited,
    calendar(async (req, res, sql) => {
      const project = await projectNamed(sql, req.params.slug as string);
      if ('missing' in project) return notFound(res, project.missing);
      return icalFeed(`eventgraph: ${project.title} events`, await feedEvents(sql, project.filter.projects![0]));
    }),
  );

  const talkFeed = (find: (name: string, sql: SqlRunner) => Promise<Subject>) =>
    calendar(async (req, res, sql) => {
      const name = req.params.name as string;
      if (name.length > MAX_NAME) return notFound(res, `No record has a name of ${name.length} characters; names are at most ${MAX_NAME}.`);
      const subject = await find(name, sql);
      if ('missing' in subject) return notFound(res, subject.missing);
      const talks = await scheduleTalks(sql, subject.filter);
      if (!talks.ok) return notFound(res, `${subject.title} has more talks than one feed holds; use /schedule.json with from and to.`);
      return talkIcalFeed(`eventgraph: ${subject.title}`, talks.talks);
    });
  router.get(
    '/projects/:name/talks.ics',
    limited,
    talkFeed(async (name, sql) => {
      const project = await projectNamed(sql, name);
      return 'missing' in project ? project : { title: `talks about ${project.title}`, filter: project.filter };
    }),
  );
  router.get(
    '/speakers/:name/talks.ics',
    limited,
    talkFeed(async (name, sql) => {
      const params = new SqlParams();
      const [speaker] = await sql<{ name: string }>(
        `SELECT ${s.name} FROM ${s} WHERE ${speakerIsOneOf('s', [name], params)} ORDER BY ${s.id} LIMIT 1`,
        params.values,
      );
      if (!speaker)
        return {
          missing: `No speaker has the ID, name or alias "${name}". Use a speaker ID, a real name or an alias, e.g. /speakers/${encodeURIComponent('王特')}/talks.ics.`,
        };
      return { title: `talks by ${speaker.name}`, filter: { speakers: [name] } };
    }),
  );
  router.get(
    '/events/:name/talks.ics',
    limited,
    talkFeed(async (name, sql) => {
      const [event] = await sql<{ slug: string; title: string }>(EVENT_BY_ID_OR_SLUG, [tryGlobalId(name, 'Event') ?? 0, name]);
      if (!event)
        return { missing: `No event has the slug or ID "${name}". Use an event slug, e.g. /events/sofastack-6th-anniversary/talks.ics.` };
      return { title: `talks of ${event.title}`, filter: { events: [event.slug] } };
    }),
  );
  return router;
}

async function projectNamed(sql: SqlRunner, name: string): Promise<Subject> {
  const params = new SqlParams();
  const [project] = await sql<{ slug: string; name: string }>(
    `SELECT ${p.slug}, ${p.name} FROM ${p} WHERE ${p.id} IN (${projectIdsNamed([name], params)}) ORDER BY ${p.id} LIMIT 1`,
    params.values,
  );
  if (!project) return { missing: `No project is named "${name}". Use a project slug, name or alias, e.g. /projects/seata/events.ics.` };
  return { title: project.name, filter: { projects: [project.slug] } };
}

function notFound(res: Response, message: string): null {
  res.status(404).type('text/plain').send(`${message}\n`);
  return null;
}
