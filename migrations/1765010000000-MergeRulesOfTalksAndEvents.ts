import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two more rules a merge may record: SAME_EVENT, the import-time event identity (same community,
 * same start day, titles or slugs alike), and SAME_TITLE, a talk of an absorbed event folded into
 * the kept event's talk of the same title.
 */
export class MergeRulesOfTalksAndEvents1765010000000 implements MigrationInterface {
  name = 'MergeRulesOfTalksAndEvents1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE merge_evidence DROP CONSTRAINT merge_evidence_rule_check`);
    await q.query(
      `ALTER TABLE merge_evidence ADD CONSTRAINT merge_evidence_rule_check CHECK (rule IN ('EXTERNAL_ID', 'NAME_KEY', 'ALIAS_OF_NAME', 'EDITOR', 'SAME_EVENT', 'SAME_TITLE'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE merge_evidence DROP CONSTRAINT merge_evidence_rule_check`);
    await q.query(
      `ALTER TABLE merge_evidence ADD CONSTRAINT merge_evidence_rule_check CHECK (rule IN ('EXTERNAL_ID', 'NAME_KEY', 'ALIAS_OF_NAME', 'EDITOR'))`,
    );
  }
}
