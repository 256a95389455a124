import DataLoader from 'dataloader';
import { Community } from '../communities/community.entity';
import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { Event } from '../events/event.entity';
import { fromJson, jsonColumns } from '../lists/json-columns';
import { Project } from '../projects/project.entity';
import { Source } from '../sources/source.entity';
import { Speaker } from '../speakers/speaker.entity';
import { Talk } from '../talks/talk.entity';
import type { Loaders } from '../graphql/context';
import type { GlobalId } from '../graphql/global-id';
import type { Node } from '../graphql/node';
import { type KeyKind, keyTags } from '../graphql/response-cache/keyed-tables';

/** A type `node(id:)` finds: its entity and table, the request's loader of it by key, and its key kind (as `byIdLoader`'s). */
interface NodeType {
  entity: new () => Node;
  table: { as(alias: string): { id: string; toString(): string } };
  loader: 'communityById' | 'projectById' | 'eventById' | 'talkById' | 'speakerById' | 'sourceById';
  keyKind?: KeyKind;
}

// In a fixed order, so the statements' texts are few (one per set of types asked for) and prepared once.
const NODE_TYPES: Record<string, NodeType> = {
  Community: { entity: Community, table: tables.community, loader: 'communityById' },
  Project: { entity: Project, table: tables.project, loader: 'projectById' },
  Event: { entity: Event, table: tables.event, loader: 'eventById' },
  Talk: { entity: Talk, table: tables.talk, loader: 'talkById', keyKind: 'talk' },
  Speaker: { entity: Speaker, table: tables.speaker, loader: 'speakerById' },
  Source: { entity: Source, table: tables.registered_source, loader: 'sourceById' },
};

/** The per-request loader of any object by global ID. */
export interface NodeLoaders {
  nodeById: DataLoader<GlobalId, Node | null, string>;
}

/**
 * Objects of any types by global ID, one statement per batch whatever the mix (a `UNION ALL` of
 * one part per type, each row whole as JSON since the parts' columns differ). What it finds, and
 * the null of what it does not, primes the type's own loader in `loaders`, so field resolvers and
 * other root fields of the request read them from there. An ID of a type with no objects is null.
 */
export function createNodeLoaders(sql: SqlRunner, loaders: Pick<Loaders, NodeType['loader']>): NodeLoaders {
  const nodeById = new DataLoader<GlobalId, Node | null, string>(
    async (keys) => {
      const idsByType = new Map<string, number[]>();
      for (const { type, id } of keys) if (Object.hasOwn(NODE_TYPES, type)) idsByType.set(type, [...(idsByType.get(type) ?? []), id]);
      const found = new Map<string, Node>();
      if (idsByType.size) {
        const params = new SqlParams();
        const parts: string[] = [];
        const keyed: string[] = [];
        for (const [type, { entity, table, keyKind }] of Object.entries(NODE_TYPES)) {
          const ids = idsByType.get(type);
          if (!ids) continue;
          const x = table.as('x');
          parts.push(
            `SELECT '${type}' AS "type", ${jsonColumns(entity, 'x')} AS "node" FROM ${x} WHERE ${x.id} = ANY(${params.add(ids)}::int[])`,
          );
          if (keyKind) keyed.push(...keyTags(keyKind)(ids));
        }
        const rows = await sql<{ type: string; node: Record<string, unknown> }>(
          parts.join(' UNION ALL '),
          params.values,
          keyed.length ? { keys: () => keyed } : undefined,
        );
        for (const { type, node } of rows) found.set(`${type}:${node.id}`, fromJson(NODE_TYPES[type].entity, node));
      }
      for (const [type, ids] of idsByType) {
        const loader = loaders[NODE_TYPES[type].loader] as DataLoader<number, Node | null>;
        for (const id of ids) loader.prime(id, found.get(`${type}:${id}`) ?? null);
      }
      return keys.map(({ type, id }) => found.get(`${type}:${id}`) ?? null);
    },
    { cacheKeyFn: ({ type, id }) => `${type}:${id}` },
  );
  return { nodeById };
}

declare module '../graphql/context' {
  /** `nodeById`, on every request's `ctx.loaders`. */
  interface Loaders extends NodeLoaders {}
}
