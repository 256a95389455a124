import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provenance per fact (`fact_value`): every value a source document or an editor gave a field of
 * a talk or an event, so that disagreeing sources stay visible beside the value the record's
 * column holds (the one src/provenance/fact-choice.ts chose). A source row has `source_id` and
 * its `specificity` (2: the document is about this one event, 1: a listing or feed); an editor's
 * row has `editor` (the API key's name) and may hold JSON null, a value cleared on purpose.
 * Records are named by type and id like `record_source`: the writers delete a record's values
 * with it.
 */
export class FactValues1765020000000 implements MigrationInterface {
  name = 'FactValues1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fact_value (
        id serial PRIMARY KEY,
        record_type text NOT NULL CHECK (record_type IN ('Talk', 'Event')),
        record_id int NOT NULL,
        field text NOT NULL CHECK (field IN ('title', 'abstract', 'starts_at', 'ends_at', 'slides_url', 'video_url', 'city', 'venue')),
        source_id int REFERENCES source (id) ON DELETE CASCADE,
        editor text,
        specificity smallint NOT NULL CHECK (specificity BETWEEN 1 AND 2),
        value jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source_id IS NULL) <> (editor IS NULL)),
        CHECK (source_id IS NULL OR value <> 'null'::jsonb)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX fact_value_source_key ON fact_value (record_type, record_id, field, source_id) WHERE source_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX fact_value_editor_key ON fact_value (record_type, record_id, field) WHERE source_id IS NULL`);
    await q.query(`CREATE INDEX fact_value_record_idx ON fact_value (record_type, record_id)`);
    await q.query(`CREATE INDEX fact_value_source_idx ON fact_value (source_id)`);
    await q.query(
      `CREATE TRIGGER fact_value_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fact_value FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fact_value`);
  }
}
