import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a GraphQL query reads; api_key is left out (only authentication reads it, and authenticated requests bypass the response cache). */
const TABLES = [
  'community',
  'project',
  'project_alias',
  'event',
  'talk',
  'speaker',
  'talk_speaker',
  'talk_project',
  'speaker_project',
  'source',
  'record_source',
  'audit_log',
];

/**
 * Every write to a table that queries read announces itself on the `eventgraph_changes` channel,
 * so each instance's response cache learns of it whoever wrote: a mutation, `npm run ingest`,
 * another instance or a hand-run statement. Statement-level triggers cost one call per statement,
 * not per row; NOTIFY is delivered on commit only, and repeats within a transaction collapse.
 */
export class ChangeNotifications1764300000000 implements MigrationInterface {
  name = 'ChangeNotifications1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('eventgraph_changes', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      await q.query(`
        CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`DROP TRIGGER ${table}_notify_change ON ${table}`);
    await q.query(`DROP FUNCTION notify_change()`);
  }
}
