import { MigrationInterface, QueryRunner } from 'typeorm';

/** The advisory lock writers of links take turns on (ProjectTallies' `tally_writers_take_turns`). */
const TURN = 'tally_writers_take_turns()';

/**
 * A talk's credits and projects as a list of talks shows them, in the order the list gives them:
 * `[{role, speaker: {id, name, alias}}]` by position, then speaker; `[{id, slug, name, communityId}]`
 * by name, then id. src/talks/talk-card.ts names the same fields; the list reads a card only when
 * the query asks for nothing else of them.
 */
const CREDITS = `(SELECT coalesce(json_agg(json_build_object('role', ts.role, 'speaker', json_build_object('id', s.id, 'name', s.name, 'alias', s.alias))
    ORDER BY ts.position, s.id), '[]') FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id)`;
const PROJECTS = `(SELECT coalesce(json_agg(json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'communityId', p.community_id)
    ORDER BY p.name, p.id), '[]') FROM talk_project tp JOIN project p ON p.id = tp.project_id WHERE tp.talk_id = t.id)`;

/**
 * Each talk's speakers and projects kept ready as JSON, so a page of talks reads one row per talk
 * instead of joining its credits, speakers, links and projects: half of PostgreSQL's time for
 * "the 50 newest talks of a project with their speakers and projects".
 *
 * How the cards stay right:
 * - Statement-level triggers on `talk_speaker` and `talk_project` rewrite the cards of the talks a
 *   statement touched (an update that moved only the copied date keys touches none).
 * - Renaming a speaker (name, alias) or a project (slug, name, community) rewrites the cards of
 *   their talks.
 * - Those writers take the turn that writers of links already take (ProjectTallies), from their
 *   first such statement to their commit: a card is always written after the writes it shows
 *   have committed, so a rename and a new link at the same moment cannot leave the old name.
 * - A talk without credits or projects may have no card; the list reads none as empty.
 * - A deleted talk's links go first (ProjectTallies' `talk_drops_links`), then its card.
 * - TRUNCATE of a link table rebuilds every card.
 */
export class TalkCards1764500000000 implements MigrationInterface {
  name = 'TalkCards1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE talk_card (
        talk_id int PRIMARY KEY REFERENCES talk (id) ON DELETE CASCADE,
        credits json NOT NULL,
        projects json NOT NULL)`);
    await q.query(`COMMENT ON TABLE talk_card IS 'Kept by triggers: each talk''s credits (role, speaker id, name, alias) and projects (id, slug, name, community) as a list of talks shows them.'`);
    await q.query(`CREATE TRIGGER talk_card_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON talk_card FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);

    await q.query(`
      CREATE FUNCTION talk_cards_write(talks int[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO talk_card AS c (talk_id, credits, projects)
          SELECT t.id, ${CREDITS}, ${PROJECTS} FROM talk t WHERE t.id = ANY(talks) ORDER BY t.id
          ON CONFLICT (talk_id) DO UPDATE SET credits = excluded.credits, projects = excluded.projects;
      END $$`);

    const links = { talk_speaker: 'talk_id, speaker_id, role, position', talk_project: 'talk_id, project_id' };
    for (const [link, shown] of Object.entries(links)) {
      await q.query(`
        CREATE FUNCTION ${link}_cards() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            PERFORM talk_cards_write(ARRAY(SELECT id FROM talk));
          ELSIF TG_OP = 'INSERT' THEN
            PERFORM talk_cards_write(ARRAY(SELECT DISTINCT talk_id FROM new_links));
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM talk_cards_write(ARRAY(SELECT DISTINCT talk_id FROM old_links));
          ELSE
            -- Only the talks whose shown links changed: copying a talk's date key onto its links changes none.
            PERFORM talk_cards_write(ARRAY(SELECT DISTINCT talk_id FROM (
              (SELECT ${shown} FROM new_links EXCEPT ALL SELECT ${shown} FROM old_links)
              UNION ALL (SELECT ${shown} FROM old_links EXCEPT ALL SELECT ${shown} FROM new_links)) changed));
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER ${link}_cards_insert AFTER INSERT ON ${link} REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION ${link}_cards()`);
      await q.query(`CREATE TRIGGER ${link}_cards_update AFTER UPDATE ON ${link} REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION ${link}_cards()`);
      await q.query(`CREATE TRIGGER ${link}_cards_delete AFTER DELETE ON ${link} REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION ${link}_cards()`);
      await q.query(`CREATE TRIGGER ${link}_cards_truncate AFTER TRUNCATE ON ${link} FOR EACH STATEMENT EXECUTE FUNCTION ${link}_cards()`);
    }

    // What a card shows of a speaker or a project, and the link table that leads to its talks.
    const named = { speaker: { shown: 'name, alias', via: 'talk_speaker', key: 'speaker_id' }, project: { shown: 'slug, name, community_id', via: 'talk_project', key: 'project_id' } };
    for (const [table, { shown, via, key }] of Object.entries(named)) {
      await q.query(`CREATE TRIGGER ${table}_card_turn BEFORE UPDATE OF ${shown} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${TURN}`);
      await q.query(`
        CREATE FUNCTION ${table}_cards() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM talk_cards_write(ARRAY(SELECT DISTINCT l.talk_id FROM ${via} l JOIN new_rows n ON n.id = l.${key} JOIN old_rows o ON o.id = n.id
            WHERE (n.${shown.split(', ').join(', n.')}) IS DISTINCT FROM (o.${shown.split(', ').join(', o.')})));
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER ${table}_cards AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_cards()`);
    }

    await q.query(`SELECT talk_cards_write(ARRAY(SELECT talk_id FROM talk_speaker UNION SELECT talk_id FROM talk_project))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['speaker', 'project']) {
      await q.query(`DROP TRIGGER ${table}_cards ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_card_turn ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_cards()`);
    }
    for (const link of ['talk_speaker', 'talk_project']) {
      for (const on of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER ${link}_cards_${on} ON ${link}`);
      await q.query(`DROP FUNCTION ${link}_cards()`);
    }
    await q.query(`DROP FUNCTION talk_cards_write(int[])`);
    await q.query(`DROP TABLE talk_card`);
  }
}
