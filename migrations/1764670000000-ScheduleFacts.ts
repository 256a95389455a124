import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What schedule formats say that event pages do not: the ids each source gives its talks,
 * people and events (`external_id`, one row per record, source and id, so the same person id
 * read again finds the same speaker), and a talk's room, track, language and further links.
 */
export class ScheduleFacts1764670000000 implements MigrationInterface {
  name = 'ScheduleFacts1764670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE external_id (
        record_type text NOT NULL,
        record_id int NOT NULL,
        source text NOT NULL,
        external_id text NOT NULL,
        PRIMARY KEY (record_type, source, external_id)
      )`);
    await q.query(`CREATE INDEX external_id_record_idx ON external_id (record_type, record_id)`);
    await q.query(`
      CREATE TRIGGER external_id_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON external_id
        FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);
    await q.query(`ALTER TABLE talk ADD COLUMN room text, ADD COLUMN track text, ADD COLUMN language text, ADD COLUMN links jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE talk DROP COLUMN room, DROP COLUMN track, DROP COLUMN language, DROP COLUMN links`);
    await q.query(`DROP TABLE external_id`);
  }
}
