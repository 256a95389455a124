import DataLoader from 'dataloader';
import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/select-columns';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { Project } from '../projects/project.entity';
import { Event } from './event.entity';

/** Per-request loaders of events and of what hangs off an event. */
export function createEventLoaders(sql: SqlRunner) {
  return {
    eventById: byIdLoader(sql, Event, 'event'),
    eventBySlug: new DataLoader<string, Event | null>(async (slugs) => {
      const rows = await sql<Event>(`SELECT ${selectColumns(Event, 'e')} FROM event e WHERE e.slug = ANY($1::text[])`, [slugs]);
      const bySlug = new Map(rows.map((row) => [row.slug, toEntity(Event, row)]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
    /** Projects any talk of the event covered, most covered first. */
    projectsByEvent: groupedLoader<number, object, Project>(
      sql,
      `SELECT t.event_id AS "__key", ${selectColumns(Project, 'p')}
       FROM talk t JOIN talk_project tp ON tp.talk_id = t.id JOIN project p ON p.id = tp.project_id
       WHERE t.event_id = ANY($1::int[])
       GROUP BY t.event_id, p.id ORDER BY t.event_id, count(*) DESC, p.name, p.id`,
      (row) => toEntity(Project, row),
    ),
  };
}
