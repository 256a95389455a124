import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's slug and name, folded as `projectKey()` folds them, stored. Finding a project by any
 * of its names (`project(slug:)`, the `projects` filter of talks and analytics) went through the
 * `project_key` view, which folded every project's slug and name with a regular expression on
 * every lookup (the planner scans a small table rather than use an expression index, not knowing
 * what the expression costs); now the view reads stored keys.
 */
export class ProjectKeyColumns1764200000000 implements MigrationInterface {
  name = 'ProjectKeyColumns1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE project
        ADD COLUMN slug_key text GENERATED ALWAYS AS (regexp_replace(lower(slug), '[[:space:]._-]+', '', 'g')) STORED,
        ADD COLUMN name_key text GENERATED ALWAYS AS (regexp_replace(lower(name), '[[:space:]._-]+', '', 'g')) STORED`);
    await q.query(`CREATE INDEX project_slug_key_idx ON project (slug_key)`);
    await q.query(`CREATE INDEX project_name_key_idx ON project (name_key)`);
    await q.query(`
      CREATE OR REPLACE VIEW project_key (project_id, key) AS
        SELECT id, slug_key FROM project
        UNION SELECT id, name_key FROM project
        UNION SELECT project_id, key FROM project_alias`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW project_key (project_id, key) AS
        SELECT id, regexp_replace(lower(slug), '[[:space:]._-]+', '', 'g') FROM project
        UNION SELECT id, regexp_replace(lower(name), '[[:space:]._-]+', '', 'g') FROM project
        UNION SELECT project_id, key FROM project_alias`);
    await q.query(`ALTER TABLE project DROP COLUMN slug_key, DROP COLUMN name_key`);
  }
}
