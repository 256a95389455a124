import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A community's own time zone (IANA), the one its pages and schedules are read in when they
 * state none. Existing communities take the zone most of their events were announced in, so
 * the importer need not assume one; a community without events gets UTC until its data says.
 */
export class CommunityTimeZone1764840000000 implements MigrationInterface {
  name = 'CommunityTimeZone1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE community ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);
    await q.query(`
      UPDATE community c SET time_zone = z.time_zone
      FROM (
        SELECT DISTINCT ON (community_id) community_id, time_zone
        FROM event GROUP BY community_id, time_zone
        ORDER BY community_id, count(*) DESC, time_zone
      ) z
      WHERE z.community_id = c.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE community DROP COLUMN time_zone`);
  }
}
