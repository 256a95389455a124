import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A talk's date as a stored sort key, copied onto its project and speaker links.
 *
 * Talks are listed newest first by "its slot, else its event's start", an expression over two
 * tables that no index can serve: the newest 50 talks of a project meant reading and sorting all
 * of the project's talks. `talk.date_key` stores that expression (`-infinity` when neither date is
 * known), and `talk_project` / `talk_speaker` carry the talk's date key and agenda position, so
 * `project.talks` and `speaker.talks` are an index range scan that stops after one page.
 * Triggers keep the copies right whichever way a talk, its event or a link is written.
 */
export class TalkDateKeys1764190000000 implements MigrationInterface {
  name = 'TalkDateKeys1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE talk ADD COLUMN date_key timestamptz NOT NULL DEFAULT '-infinity'`);
    await q.query(`UPDATE talk t SET date_key = coalesce(t.starts_at, e.starts_at, '-infinity') FROM event e WHERE e.id = t.event_id`);
    for (const link of ['talk_project', 'talk_speaker']) {
      await q.query(`ALTER TABLE ${link} ADD COLUMN talk_date_key timestamptz NOT NULL DEFAULT '-infinity', ADD COLUMN talk_position int NOT NULL DEFAULT 0`);
      await q.query(`UPDATE ${link} l SET talk_date_key = t.date_key, talk_position = t.position FROM talk t WHERE t.id = l.talk_id`);
    }

    await q.query(`
      CREATE FUNCTION talk_set_date_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.date_key := coalesce(NEW.starts_at, (SELECT e.starts_at FROM event e WHERE e.id = NEW.event_id), '-infinity');
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER talk_date_key BEFORE INSERT OR UPDATE ON talk FOR EACH ROW EXECUTE FUNCTION talk_set_date_key()`);

    // An event's new start moves the talks that have no slot of their own.
    await q.query(`
      CREATE FUNCTION event_moves_talk_dates() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE talk SET date_key = coalesce(NEW.starts_at, '-infinity') WHERE event_id = NEW.id AND starts_at IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER event_talk_dates AFTER UPDATE OF starts_at ON event FOR EACH ROW
      WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at) EXECUTE FUNCTION event_moves_talk_dates()`);

    // A talk's new date key or position is copied onto its links.
    await q.query(`
      CREATE FUNCTION talk_copies_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE talk_project SET talk_date_key = NEW.date_key, talk_position = NEW.position WHERE talk_id = NEW.id;
        UPDATE talk_speaker SET talk_date_key = NEW.date_key, talk_position = NEW.position WHERE talk_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER talk_link_keys AFTER UPDATE ON talk FOR EACH ROW
      WHEN (OLD.date_key IS DISTINCT FROM NEW.date_key OR OLD.position IS DISTINCT FROM NEW.position) EXECUTE FUNCTION talk_copies_keys()`);

    // A new or moved link takes its talk's keys.
    await q.query(`
      CREATE FUNCTION link_takes_talk_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT t.date_key, t.position INTO NEW.talk_date_key, NEW.talk_position FROM talk t WHERE t.id = NEW.talk_id;
        RETURN NEW;
      END $$`);
    for (const link of ['talk_project', 'talk_speaker']) {
      await q.query(`CREATE TRIGGER ${link}_talk_keys BEFORE INSERT OR UPDATE OF talk_id ON ${link} FOR EACH ROW EXECUTE FUNCTION link_takes_talk_keys()`);
    }

    await q.query(`CREATE INDEX talk_date_idx ON talk (date_key, position, id)`);
    await q.query(`CREATE INDEX talk_event_date_idx ON talk (event_id, date_key, position, id)`);
    await q.query(`CREATE INDEX talk_project_date_idx ON talk_project (project_id, talk_date_key, talk_position, talk_id)`);
    await q.query(`CREATE INDEX talk_speaker_date_idx ON talk_speaker (speaker_id, talk_date_key, talk_position, talk_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const link of ['talk_project', 'talk_speaker']) {
      await q.query(`DROP TRIGGER ${link}_talk_keys ON ${link}`);
      await q.query(`ALTER TABLE ${link} DROP COLUMN talk_date_key, DROP COLUMN talk_position`);
    }
    await q.query(`DROP TRIGGER talk_link_keys ON talk`);
    await q.query(`DROP TRIGGER event_talk_dates ON event`);
    await q.query(`DROP TRIGGER talk_date_key ON talk`);
    await q.query(`DROP FUNCTION link_takes_talk_keys(), talk_copies_keys(), event_moves_talk_dates(), talk_set_date_key()`);
    await q.query(`ALTER TABLE talk DROP COLUMN date_key`);
  }
}
