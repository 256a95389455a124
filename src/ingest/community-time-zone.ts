import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { COMMUNITIES } from './project-dictionary';

/** The zone of a community whose data names none: no offset is assumed for it. */
export const NO_TIME_ZONE = 'UTC';

/** The time zone a community's data gives it, or UTC for one it does not know. */
export function knownTimeZone(community: string): string {
  return COMMUNITIES.find((c) => c.slug === community)?.timeZone ?? NO_TIME_ZONE;
}

const c = tables.community.col;
const ZONE_BY_SLUG = `SELECT ${c.time_zone} FROM ${tables.community.name} WHERE ${c.slug} = $1`;

/** The time zone the graph stores for a community, or UTC for one it does not hold. */
export async function communityTimeZone(sql: SqlRunner, community: string): Promise<string> {
  const rows = await sql<{ time_zone: string }>(ZONE_BY_SLUG, [community]);
  return rows[0]?.time_zone ?? NO_TIME_ZONE;
}
