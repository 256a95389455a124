import DataLoader from 'dataloader';
import { Community } from '../communities/community.entity';
import type { SqlRunner } from '../database/database';
import { fromJson, jsonColumns } from '../lists/json-columns';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import type { RootLookup } from '../lists/list-loader';
import { embedCommunity } from './event-community';
import { Project } from '../projects/project.entity';
import { Event } from './event.entity';

const e = tables.event.as('e');
const c = tables.community.as('c');
const t = tables.talk.as('t');
const tp = tables.talk_project.as('tp');
const p = tables.project.as('p');

const EVENTS_BY_SLUG = `SELECT ${selectColumns(Event, 'e')}, ${jsonColumns(Community, 'c')} AS "__community"
         FROM ${e} LEFT JOIN ${c} ON ${c.id} = ${e.community_id} WHERE ${e.slug} = ANY($1::text[])`;

const PROJECTS_BY_EVENT = `SELECT ${t.event_id} AS "__key", ${selectColumns(Project, 'p')}
       FROM ${t} JOIN ${tp} ON ${tp.talk_id} = ${t.id} JOIN ${p} ON ${p.id} = ${tp.project_id}
       WHERE ${t.event_id} = ANY($1::int[])
       GROUP BY ${t.event_id}, ${p.id} ORDER BY ${t.event_id}, count(*) DESC, ${p.name}, ${p.id}`;

/**
 * Per-request loaders of events and of what hangs off an event. An event page looks its event
 * up by slug and shows its community: the lookup brings the community row along on the event
 * (see event-community.ts) instead of a statement of its own.
 */
export function createEventLoaders(sql: SqlRunner) {
  return {
    eventById: byIdLoader(sql, Event, tables.event.name),
    eventBySlug: new DataLoader<string, Event | null>(async (slugs) => {
      const rows = await sql<Event & { __community: Record<string, unknown> | null }>(EVENTS_BY_SLUG, [slugs]);
      const bySlug = new Map<string, Event>();
      for (const { __community: community, ...row } of rows) {
        const event = toEntity(Event, row);
        bySlug.set(row.slug, community?.id == null ? event : embedCommunity(event, fromJson(Community, community)));
      }
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
    /** Projects any talk of the event covered, most covered first. */
    projectsByEvent: groupedLoader<number, object, Project>(sql, PROJECTS_BY_EVENT, (row) => toEntity(Project, row)),
  };
}

/**
 * `eventBySlug` for a root field that reads the first page of one of the event's lists in the
 * same statement (`ListLoader.rootWithPage`); the event's community comes along on the event.
 */
export const eventBySlugRoot: RootLookup<Event> = {
  name: 'eventBySlug',
  sql: (slugs) =>
    `SELECT ${e.slug} AS "__key", ${e.id} AS "__root_id",
       json_build_object('event', ${jsonColumns(Event, 'e')}, 'community', ${jsonColumns(Community, 'c')}) AS "__root"
     FROM ${e} LEFT JOIN ${c} ON ${c.id} = ${e.community_id} WHERE ${e.slug} = ANY((SELECT ${slugs}::text[])::text[])`,
  map: ({ event, community }) => {
    const found = fromJson(Event, event);
    return community.id == null ? found : embedCommunity(found, fromJson(Community, community));
  },
};

declare module '../graphql/context' {
  /** The loaders of events, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createEventLoaders> {}
}
