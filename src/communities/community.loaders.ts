import DataLoader from 'dataloader';
import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { byIdLoader } from '../graphql/batch-loaders';
import { Community } from './community.entity';

/** Per-request loaders of communities. */
export function createCommunityLoaders(sql: SqlRunner) {
  return {
    communityById: byIdLoader(sql, Community, 'community'),
    communityBySlug: new DataLoader<string, Community | null>(async (slugs) => {
      const rows = await sql<Community>(`SELECT ${selectColumns(Community, 'c')} FROM community c WHERE c.slug = ANY($1::text[])`, [slugs]);
      const bySlug = new Map(rows.map((row) => [row.slug, toEntity(Community, row)]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
  };
}
