import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `notify_change` also writes the tables a transaction changed into its transaction-local
 * setting `eventgraph.changed_tables` (space-separated, each once), so the process that commits
 * can tell its own response cache which tables changed right away, before its NOTIFY comes round.
 */
export class ChangedTablesInTransaction1764900000000 implements MigrationInterface {
  name = 'ChangedTablesInTransaction1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed text := coalesce(current_setting('eventgraph.changed_tables', true), '');
      BEGIN
        PERFORM pg_notify('eventgraph_changes', TG_TABLE_NAME);
        IF position(' ' || TG_TABLE_NAME || ' ' IN ' ' || changed || ' ') = 0 THEN
          PERFORM set_config('eventgraph.changed_tables', ltrim(changed || ' ' || TG_TABLE_NAME), true);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('eventgraph_changes', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
  }
}
