import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events and speakers withdrawn from their sources, kept as talks are (SourceRegistry):
 * `event.withdrawn_at` and `speaker.withdrawn_at`, set when no source gives the record any more
 * (src/ingest/settle-withdrawals.ts says when), cleared when one gives it again.
 *
 * A withdrawn event has no talk in force, so every talk-based count leaves it already. A
 * withdrawn speaker has no credit on a talk in force, but may hold project roles, which count
 * them among the project's people (`project_speaker_tally.holds_role`): those move to
 * `withdrawn_speaker_project` while the speaker is withdrawn and come back with them, so the
 * tallies' own triggers take the person out of and back into every count, unchanged.
 */
export class WithdrawnEventsAndSpeakers1765050000000 implements MigrationInterface {
  name = 'WithdrawnEventsAndSpeakers1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE speaker ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`
      CREATE TABLE withdrawn_speaker_project (
        speaker_id int NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,
        project_id int NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        role text,
        PRIMARY KEY (speaker_id, project_id)
      )`);
    await q.query(`CREATE TRIGGER withdrawn_speaker_project_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON withdrawn_speaker_project FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);
    await q.query(`
      CREATE FUNCTION speaker_withdrawal_moves_roles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.withdrawn_at IS NOT NULL THEN
          INSERT INTO withdrawn_speaker_project SELECT speaker_id, project_id, role FROM speaker_project WHERE speaker_id = NEW.id ON CONFLICT DO NOTHING;
          DELETE FROM speaker_project WHERE speaker_id = NEW.id;
        ELSE
          INSERT INTO speaker_project (speaker_id, project_id, role) SELECT speaker_id, project_id, role FROM withdrawn_speaker_project WHERE speaker_id = NEW.id ON CONFLICT DO NOTHING;
          DELETE FROM withdrawn_speaker_project WHERE speaker_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER speaker_withdrawal AFTER UPDATE OF withdrawn_at ON speaker FOR EACH ROW
      WHEN ((OLD.withdrawn_at IS NULL) IS DISTINCT FROM (NEW.withdrawn_at IS NULL)) EXECUTE FUNCTION speaker_withdrawal_moves_roles()`);
    // Editors' lists of withdrawn records (`filter: {withdrawn: true}`) read these small indexes.
    await q.query(`CREATE INDEX event_withdrawn_idx ON event (id) WHERE withdrawn_at IS NOT NULL`);
    await q.query(`CREATE INDEX speaker_withdrawn_idx ON speaker (id) WHERE withdrawn_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE speaker SET withdrawn_at = NULL WHERE withdrawn_at IS NOT NULL`);
    await q.query(`DROP TRIGGER speaker_withdrawal ON speaker`);
    await q.query(`DROP FUNCTION speaker_withdrawal_moves_roles()`);
    await q.query(`DROP TABLE withdrawn_speaker_project`);
    await q.query(`ALTER TABLE speaker DROP COLUMN withdrawn_at`);
    await q.query(`ALTER TABLE event DROP COLUMN withdrawn_at`);
  }
}
