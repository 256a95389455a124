import DataLoader from 'dataloader';
import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import { byIdLoader } from '../graphql/batch-loaders';
import { Community } from './community.entity';

const c = tables.community.as('c');
const COMMUNITIES_BY_SLUG = `SELECT ${selectColumns(Community, 'c')} FROM ${c} WHERE ${c.slug} = ANY($1::text[])`;

/** Per-request loaders of communities. */
export function createCommunityLoaders(sql: SqlRunner) {
  return {
    communityById: byIdLoader(sql, Community, tables.community.name),
    communityBySlug: new DataLoader<string, Community | null>(async (slugs) => {
      const rows = await sql<Community>(COMMUNITIES_BY_SLUG, [slugs]);
      const bySlug = new Map(rows.map((row) => [row.slug, toEntity(Community, row)]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
  };
}

declare module '../graphql/context' {
  /** The loaders of communities, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createCommunityLoaders> {}
}
