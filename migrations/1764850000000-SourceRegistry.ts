import { MigrationInterface, QueryRunner } from 'typeorm';

/** The kinds a registered source can be read as (src/sources/source-kind.enum.ts names the same). */
const KINDS = ['AUTO', 'HUGO_SITE', 'FRAB_XML', 'SCHEDULE_JSON', 'SESSIONIZE', 'ICALENDAR'];

/**
 * Sources as data: the registry of what `npm run sync` reads (`registered_source`: kind,
 * location, community, time zone, licence, how the last sync went), and talks withdrawn from
 * their source instead of deleted (`talk.withdrawn_at`).
 *
 * A withdrawn talk's credits and projects move to `withdrawn_talk_speaker` and
 * `withdrawn_talk_project`, and come back when the talk does. Every count of the graph (project
 * tallies, speaker and project talk counts, talk cards, ProjectTallies and TalkCards) is kept
 * from the link tables by their triggers, so moving the links out is what takes a withdrawn talk
 * out of every count, with no change to those triggers; nothing about the talk is lost.
 */
export class SourceRegistry1764850000000 implements MigrationInterface {
  name = 'SourceRegistry1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registered_source (
        id serial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN (${KINDS.map((k) => `'${k}'`).join(', ')})),
        location text NOT NULL CONSTRAINT registered_source_location_key UNIQUE,
        community_id int NOT NULL REFERENCES community (id) ON DELETE RESTRICT,
        time_zone text NOT NULL,
        licence text NOT NULL,
        status text NOT NULL DEFAULT 'NEVER_SYNCED' CHECK (status IN ('NEVER_SYNCED', 'SYNCED', 'FAILED')),
        last_synced_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER registered_source_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON registered_source FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);

    await q.query(`ALTER TABLE talk ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`
      CREATE TABLE withdrawn_talk_speaker (
        talk_id int NOT NULL REFERENCES talk (id) ON DELETE CASCADE,
        speaker_id int NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,
        role text NOT NULL,
        position int NOT NULL,
        PRIMARY KEY (talk_id, speaker_id)
      )`);
    await q.query(`
      CREATE TABLE withdrawn_talk_project (
        talk_id int NOT NULL REFERENCES talk (id) ON DELETE CASCADE,
        project_id int NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        PRIMARY KEY (talk_id, project_id)
      )`);
    for (const table of ['withdrawn_talk_speaker', 'withdrawn_talk_project']) {
      await q.query(`CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);
    }
    await q.query(`
      CREATE FUNCTION talk_withdrawal_moves_links() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.withdrawn_at IS NOT NULL THEN
          INSERT INTO withdrawn_talk_speaker SELECT talk_id, speaker_id, role, position FROM talk_speaker WHERE talk_id = NEW.id ON CONFLICT DO NOTHING;
          INSERT INTO withdrawn_talk_project SELECT talk_id, project_id FROM talk_project WHERE talk_id = NEW.id ON CONFLICT DO NOTHING;
          DELETE FROM talk_speaker WHERE talk_id = NEW.id;
          DELETE FROM talk_project WHERE talk_id = NEW.id;
        ELSE
          INSERT INTO talk_speaker (talk_id, speaker_id, role, position) SELECT talk_id, speaker_id, role, position FROM withdrawn_talk_speaker WHERE talk_id = NEW.id ON CONFLICT DO NOTHING;
          INSERT INTO talk_project (talk_id, project_id) SELECT talk_id, project_id FROM withdrawn_talk_project WHERE talk_id = NEW.id ON CONFLICT DO NOTHING;
          DELETE FROM withdrawn_talk_speaker WHERE talk_id = NEW.id;
          DELETE FROM withdrawn_talk_project WHERE talk_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER talk_withdrawal AFTER UPDATE OF withdrawn_at ON talk FOR EACH ROW
      WHEN ((OLD.withdrawn_at IS NULL) IS DISTINCT FROM (NEW.withdrawn_at IS NULL)) EXECUTE FUNCTION talk_withdrawal_moves_links()`);
    // Editors' lists of withdrawn talks (`filter: {withdrawn: true}`) read this small index.
    await q.query(`CREATE INDEX talk_withdrawn_idx ON talk (event_id) WHERE withdrawn_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE talk SET withdrawn_at = NULL WHERE withdrawn_at IS NOT NULL`);
    await q.query(`DROP TRIGGER talk_withdrawal ON talk`);
    await q.query(`DROP FUNCTION talk_withdrawal_moves_links()`);
    await q.query(`DROP TABLE withdrawn_talk_speaker, withdrawn_talk_project`);
    await q.query(`ALTER TABLE talk DROP COLUMN withdrawn_at`);
    await q.query(`DROP TABLE registered_source`);
  }
}
