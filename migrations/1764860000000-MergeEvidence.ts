import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every decision that made two records one (`merge_evidence`): which record stayed, the absorbed
 * record's row and links as they were (enough to restore it), the rule that matched and its
 * evidence. An undone merge keeps its row with `undone_at` set: it is the editor's word that the
 * two are different people, which later imports respect.
 */
export class MergeEvidence1764860000000 implements MigrationInterface {
  name = 'MergeEvidence1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE merge_evidence (
        id serial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('SPEAKER', 'TALK', 'EVENT')),
        kept_id int NOT NULL,
        absorbed_id int NOT NULL,
        absorbed jsonb NOT NULL,
        kept_before jsonb NOT NULL,
        kept_after jsonb NOT NULL,
        rule text NOT NULL CHECK (rule IN ('EXTERNAL_ID', 'NAME_KEY', 'ALIAS_OF_NAME', 'EDITOR')),
        evidence jsonb NOT NULL,
        source_id int REFERENCES source (id) ON DELETE SET NULL,
        merged_by text,
        merged_at timestamptz NOT NULL DEFAULT now(),
        undone_by text,
        undone_at timestamptz,
        CHECK (kept_id <> absorbed_id)
      )`);
    await q.query(`CREATE INDEX merge_evidence_kept_idx ON merge_evidence (kind, kept_id)`);
    await q.query(`CREATE INDEX merge_evidence_absorbed_idx ON merge_evidence (kind, absorbed_id)`);
    await q.query(
      `CREATE TRIGGER merge_evidence_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON merge_evidence FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE merge_evidence`);
  }
}
