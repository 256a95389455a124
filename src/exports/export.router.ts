import express, { type Router } from 'express';
import { cachedDocument, countedByAddress, type FeedOptions } from './cached-document';
import { readExportFilter } from './export-filter';
import { frabXml } from './frab-xml.export';
import { scheduleJson } from './schedule-json.export';
import { scheduleLayout, type ScheduleLayout } from './schedule-layout';
import { MAX_EXPORT_TALKS, scheduleTalks } from './schedule-talks.query';

/** The formats the graph is published back in: the path, its media type and its writer. */
const FORMATS: { path: string; type: string; write: (layout: ScheduleLayout) => string }[] = [
  { path: '/schedule.xml', type: 'application/xml; charset=utf-8', write: frabXml },
  { path: '/schedule.json', type: 'application/json; charset=utf-8', write: scheduleJson },
];

/**
 * `/schedule.xml` (frab/pentabarf) and `/schedule.json` (C3VOC) for any filter given in the
 * query string (`?project=seata&from=2024-01-01`): the talks it matches laid out as one
 * conference, so schedule apps (Giggity, EventFahrplan, …) can open an aggregate of many. A bad
 * parameter is a 400 saying what to fix; a filter nothing matches a 404; counted and cached as
 * the calendar feeds are.
 */
export function exportRouter(options: FeedOptions): Router {
  const router = express.Router();
  const limited = countedByAddress(options);
  for (const format of FORMATS) {
    router.get(
      format.path,
      limited,
      cachedDocument(options, {
        type: format.type,
        read(req, res) {
          const read = readExportFilter(new URL(req.originalUrl, 'http://localhost').searchParams);
          if (!read.ok) {
            res.status(400).type('text/plain').send(`Bad export parameter: ${read.message}.\n`);
            return null;
          }
          return {
            key: `${format.path}?${read.canonical}`,
            async build(sql) {
              const talks = await scheduleTalks(sql, read.filter);
              if (!talks.ok) {
                res
                  .status(400)
                  .type('text/plain')
                  .send(`The filter matches more than ${MAX_EXPORT_TALKS} talks; narrow it (from and to, a project, an event).\n`);
                return null;
              }
              if (!talks.talks.length) {
                res
                  .status(404)
                  .type('text/plain')
                  .send('No dated talk matches the filter (check the names: a project by slug, name or alias, an event by slug).\n');
                return null;
              }
              const asked = read.canonical.split('&').map(decodeURIComponent).join(', ');
              return format.write(scheduleLayout(talks.talks, asked ? `eventgraph: ${asked}` : 'eventgraph: all talks'));
            },
          };
        },
      }),
    );
  }
  return router;
}
