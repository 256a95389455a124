import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose writes name the keys they touched (src/graphql/response-cache/keyed-tables.ts). */
const KEYED = ['talk', 'talk_project', 'talk_speaker', 'talk_card'] as const;

/** Keys one transaction may name; past them its changes name their tables only. Matches `MAX_KEYS_PER_TRANSACTION`. */
const MAX_KEYS = 256;

/** For each keyed table, the talks, projects, events and speakers a transition table's rows name. */
const ROW_KEYS: Record<(typeof KEYED)[number], { talks: string; projects: string; events: string; speakers: string }> = {
  talk: { talks: 'id', projects: '', events: 'event_id', speakers: '' },
  talk_project: { talks: 'talk_id', projects: 'project_id', events: 'event_id', speakers: '' },
  talk_speaker: { talks: 'talk_id', projects: '', events: '', speakers: 'speaker_id' },
  talk_card: { talks: 'talk_id', projects: '', events: '', speakers: '' },
};

/**
 * Writes to the talk tables (talks, their links, their cards) announce the keys they touched, so
 * a response cache forgets only the answers that read them: `talk:<id>` of every talk a changed
 * row is about, and `project:`, `event:` and `speaker:<id>` of every project, event and speaker
 * linked to those talks before (the rows' old values) and after (the links as the statement left
 * them). The NOTIFY payload becomes `<table>|<key> <key> …` with the keys not yet named by the
 * transaction (`<table>|` when all were); past 256 keys in one transaction, or on TRUNCATE, it is
 * the bare table name, which means every row of it. The transaction-local setting
 * `eventgraph.changed_keys` keeps the keys named (`*` once past the bound) for the committing
 * process, as `eventgraph.changed_tables` keeps the tables. Other tables notify as before.
 */
export class ChangedKeys1764970000000 implements MigrationInterface {
  name = 'ChangedKeys1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION announce_change_keys(changed_table text, talks int[], projects int[], events int[], speakers int[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        tables text := coalesce(current_setting('eventgraph.changed_tables', true), '');
        named text := coalesce(current_setting('eventgraph.changed_keys', true), '');
        seen boolean := position(' ' || changed_table || ' ' IN ' ' || tables || ' ') > 0;
        fresh text[];
      BEGIN
        IF NOT seen THEN
          PERFORM set_config('eventgraph.changed_tables', ltrim(tables || ' ' || changed_table), true);
        END IF;
        -- A statement that changed no row (the nested deletes of a talk without links, say) names nothing.
        IF cardinality(talks) + cardinality(projects) + cardinality(events) + cardinality(speakers) = 0 THEN
          RETURN;
        END IF;
        IF talks IS NOT NULL AND named <> '*'
          AND cardinality(talks) + cardinality(projects) + cardinality(events) + cardinality(speakers) <= ${MAX_KEYS} THEN
          fresh := ARRAY(
            SELECT k FROM (
              SELECT 'talk:' || t FROM unnest(talks) t
              UNION SELECT 'project:' || p FROM (SELECT unnest(projects) UNION SELECT tp.project_id FROM talk_project tp WHERE tp.talk_id = ANY(talks)) x(p)
              UNION SELECT 'event:' || e FROM (SELECT unnest(events) UNION SELECT t.event_id FROM talk t WHERE t.id = ANY(talks)) x(e)
              UNION SELECT 'speaker:' || s FROM (SELECT unnest(speakers) UNION SELECT ts.speaker_id FROM talk_speaker ts WHERE ts.talk_id = ANY(talks)) x(s)
            ) keys(k)
            WHERE k IS NOT NULL AND position(' ' || k || ' ' IN ' ' || named || ' ') = 0
            LIMIT ${MAX_KEYS + 1});
          IF cardinality(fresh) + cardinality(string_to_array(named, ' ')) <= ${MAX_KEYS} THEN
            IF cardinality(fresh) > 0 THEN
              PERFORM set_config('eventgraph.changed_keys', ltrim(named || ' ' || array_to_string(fresh, ' ')), true);
              PERFORM pg_notify('eventgraph_changes', changed_table || '|' || array_to_string(fresh, ' '));
            ELSIF NOT seen THEN
              PERFORM pg_notify('eventgraph_changes', changed_table || '|');
            END IF;
            RETURN;
          END IF;
        END IF;
        PERFORM set_config('eventgraph.changed_keys', '*', true);
        PERFORM pg_notify('eventgraph_changes', changed_table);
      END $$`);
    for (const table of KEYED) {
      const { talks, projects, events, speakers } = ROW_KEYS[table];
      // Each list read once, no further than one past the bound, so a huge statement costs no more here.
      const ids = (column: string, from: string) =>
        column ? `ARRAY(SELECT DISTINCT ${column} FROM (${from}) r WHERE ${column} IS NOT NULL LIMIT ${MAX_KEYS + 1})` : `'{}'::int[]`;
      const announce = (from: string) =>
        `PERFORM announce_change_keys(TG_TABLE_NAME, ${ids(talks, from)}, ${ids(projects, from)}, ${ids(events, from)}, ${ids(speakers, from)});`;
      await q.query(`
        CREATE FUNCTION ${table}_announces_keys() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            ${announce('SELECT * FROM new_rows')}
          ELSIF TG_OP = 'DELETE' THEN
            ${announce('SELECT * FROM old_rows')}
          ELSIF TG_OP = 'UPDATE' THEN
            ${announce('SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows')}
          ELSE
            PERFORM announce_change_keys(TG_TABLE_NAME, NULL, NULL, NULL, NULL);
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`DROP TRIGGER ${table}_notify_change ON ${table}`);
      // The name stays: every table has a <table>_notify_change trigger (test/database/change-notifications.test.ts).
      await q.query(`CREATE TRIGGER ${table}_notify_change AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_announces_keys()`);
      await q.query(`
        CREATE TRIGGER ${table}_keys_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ${table}_announces_keys()`);
      await q.query(`
        CREATE TRIGGER ${table}_keys_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ${table}_announces_keys()`);
      await q.query(`
        CREATE TRIGGER ${table}_keys_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION ${table}_announces_keys()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of KEYED) {
      for (const trigger of ['keys_insert', 'keys_update', 'keys_delete', 'notify_change']) await q.query(`DROP TRIGGER ${table}_${trigger} ON ${table}`);
      await q.query(`DROP FUNCTION ${table}_announces_keys()`);
      await q.query(`
        CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);
    }
    await q.query(`DROP FUNCTION announce_change_keys(text, int[], int[], int[], int[])`);
  }
}
