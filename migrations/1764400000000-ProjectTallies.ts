import { MigrationInterface, QueryRunner } from 'typeorm';

/** The calendar units coverage is counted in (`Period` in GraphQL), as `date_trunc` names them. */
const UNITS = `ARRAY['month', 'quarter', 'year']`;

/** The advisory lock writers of links take turns on: a fixed key, "tally" in ASCII. */
const TALLY_LOCK = 0x74616c6c79;

/** Tallies kept up to date on write, and what each counts. */
const TALLIES = {
  project_tally: "the project's talks, those of them with a date, and its rows in project_event_tally and project_speaker_tally (events and people)",
  project_event_tally: 'talks of the event that covered the project',
  project_speaker_tally: "the project's people: talks of the speaker that covered it, and whether the speaker holds a role in it",
  project_pair_tally: 'talks that covered both projects (stored both ways round)',
  coverage_event_tally: "talks of the event that covered the project in the period (the event's local calendar)",
  coverage_speaker_tally: 'talks of the speaker that covered the project in the period',
  coverage_tally: 'per project and period: talks, and how many distinct events and speakers they had',
};

/**
 * SQL that adds the deltas `(key..., n)` that `deltas` yields to `table`'s counts, increments and
 * new rows in key order (so concurrent writers lock rows in one order), decrements by update (an
 * insert's candidate row would fail the check on a negative count before its conflict is seen).
 */
function applyDeltas(table: string, keys: string[], deltas: string): string {
  const list = keys.join(', ');
  return `WITH d AS (SELECT ${list}, sum(n)::int AS n FROM (${deltas}) x GROUP BY ${list} HAVING sum(n) <> 0),
      up AS (
        INSERT INTO ${table} AS t (${list}, talks) SELECT ${list}, n FROM d WHERE n > 0 ORDER BY ${list}
        ON CONFLICT (${list}) DO UPDATE SET talks = t.talks + excluded.talks)
    UPDATE ${table} t SET talks = t.talks + d.n FROM d WHERE d.n < 0 AND ${keys.map((k) => `t.${k} = d.${k}`).join(' AND ')}`;
}

/**
 * A CTE named `name` that applies the deltas of the CTE `deltas` to `table` (as \`applyDeltas\`)
 * and yields each changed row's key, its new count `talks` and its delta `n`.
 */
function changedRows(name: string, table: string, keys: string[], deltas: string): string {
  const list = keys.join(', ');
  const key = keys.map((k) => `t.${k}`).join(', ');
  return `${name}_more AS (
      INSERT INTO ${table} AS t (${list}, talks) SELECT ${list}, n FROM ${deltas} WHERE n > 0 ORDER BY ${list}
      ON CONFLICT (${list}) DO UPDATE SET talks = t.talks + excluded.talks RETURNING ${key}, t.talks),
    ${name}_less AS (
      UPDATE ${table} t SET talks = t.talks + d.n FROM ${deltas} d WHERE d.n < 0 AND ${keys.map((k) => `t.${k} = d.${k}`).join(' AND ')}
      RETURNING ${key}, t.talks),
    ${name} AS (
      SELECT c.*, d.n FROM (SELECT * FROM ${name}_more UNION ALL SELECT * FROM ${name}_less) c JOIN ${deltas} d USING (${list}))`;
}

/**
 * Counts that a project page and the coverage dashboard read, kept up to date on every write.
 *
 * Before, a project page counted its events and people through all of the project's talks, and
 * the coverage panel grouped every talk of the graph, on every request: tens of milliseconds of
 * PostgreSQL per request for a project with thousands of talks, however fast the server around it.
 * Now each is read from a table of counts whose size is the answer's, not the data's.
 *
 * How the counts stay right:
 * - `talk_project` carries its talk's event and local time (kept by triggers, as `TalkDateKeys`
 *   keeps the date key), so a link row alone says what it counts towards, even when its talk is
 *   being deleted.
 * - Statement-level triggers on `talk_project` and `talk_speaker` compare the links of the talks a
 *   statement touched before and after it, and add the difference to every tally, in key order.
 * - Transactions that write links take turns, from their first link statement to their commit
 *   (a transaction-level advisory lock, taken before the statement writes a row): each one's
 *   triggers see the links of the one before, and no two wait on each other's tally rows, which
 *   they would otherwise lock in the order their statements come (a deadlock every few dozen
 *   concurrent edits of shared projects). Editing is not a high-volume write path; imports run
 *   one at a time anyway.
 * - Distinct events and speakers per period cannot be summed, so the per-event and per-speaker
 *   rows count talks, and a cell's distinct count moves when one of them goes from or to zero.
 * - A count never goes below zero (a check says so, loudly); rows that reach zero are deleted.
 * - TRUNCATE of a link table rebuilds every tally from the links.
 */
export class ProjectTallies1764400000000 implements MigrationInterface {
  name = 'ProjectTallies1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // A link's talk facts: its event and when the talk was given in the event's local calendar.
    await q.query(`ALTER TABLE talk_project ADD COLUMN event_id int, ADD COLUMN talk_local_at timestamp`);
    await q.query(`
      CREATE FUNCTION talk_local_at(date_key timestamptz, time_zone text) RETURNS timestamp LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN date_key = '-infinity' THEN NULL ELSE date_key AT TIME ZONE time_zone END
      $$`);
    await q.query(`
      UPDATE talk_project l SET event_id = t.event_id, talk_local_at = talk_local_at(t.date_key, e.time_zone)
      FROM talk t JOIN event e ON e.id = t.event_id WHERE t.id = l.talk_id`);
    await q.query(`
      CREATE FUNCTION talk_project_takes_talk_facts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT t.event_id, talk_local_at(t.date_key, e.time_zone) INTO NEW.event_id, NEW.talk_local_at
        FROM talk t JOIN event e ON e.id = t.event_id WHERE t.id = NEW.talk_id;
        RETURN NEW;
      END $$`);
    // Also on writes of the copies themselves, so a hand-written value is replaced by the true one.
    await q.query(`
      CREATE TRIGGER talk_project_talk_facts BEFORE INSERT OR UPDATE OF talk_id, event_id, talk_local_at ON talk_project
        FOR EACH ROW EXECUTE FUNCTION talk_project_takes_talk_facts()`);

    // A talk's new date, position or event reaches its links (the event is new to this copy).
    await q.query(`
      CREATE OR REPLACE FUNCTION talk_copies_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE talk_project SET talk_date_key = NEW.date_key, talk_position = NEW.position, event_id = NEW.event_id WHERE talk_id = NEW.id;
        IF OLD.date_key IS DISTINCT FROM NEW.date_key OR OLD.position IS DISTINCT FROM NEW.position THEN
          UPDATE talk_speaker SET talk_date_key = NEW.date_key, talk_position = NEW.position WHERE talk_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER talk_link_keys ON talk`);
    await q.query(`
      CREATE TRIGGER talk_link_keys AFTER UPDATE ON talk FOR EACH ROW
      WHEN (OLD.date_key IS DISTINCT FROM NEW.date_key OR OLD.position IS DISTINCT FROM NEW.position OR OLD.event_id IS DISTINCT FROM NEW.event_id)
      EXECUTE FUNCTION talk_copies_keys()`);
    // An event's new time zone moves its talks in the local calendar.
    await q.query(`
      CREATE FUNCTION event_moves_talk_local_times() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE talk_project l SET talk_local_at = talk_local_at(t.date_key, NEW.time_zone) FROM talk t WHERE t.event_id = NEW.id AND l.talk_id = t.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER event_talk_local_times AFTER UPDATE OF time_zone ON event FOR EACH ROW
      WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION event_moves_talk_local_times()`);

    // The tallies. No foreign keys: a row leaves when its count reaches zero, which every
    // cascade that removes a project, event, speaker or talk brings about through the links.
    await q.query(`
      CREATE TABLE project_tally (project_id int PRIMARY KEY, talks int NOT NULL CHECK (talks >= 0), dated_talks int NOT NULL CHECK (dated_talks >= 0),
        events int NOT NULL DEFAULT 0 CHECK (events >= 0), people int NOT NULL DEFAULT 0 CHECK (people >= 0))`);
    await q.query(`CREATE TABLE project_event_tally (project_id int NOT NULL, event_id int NOT NULL, talks int NOT NULL CHECK (talks >= 0), PRIMARY KEY (project_id, event_id))`);
    await q.query(`
      CREATE TABLE project_speaker_tally (project_id int NOT NULL, speaker_id int NOT NULL, talks int NOT NULL CHECK (talks >= 0),
        holds_role boolean NOT NULL DEFAULT false, PRIMARY KEY (project_id, speaker_id))`);
    await q.query(`CREATE TABLE project_pair_tally (project_id int NOT NULL, other_id int NOT NULL, talks int NOT NULL CHECK (talks >= 0), PRIMARY KEY (project_id, other_id))`);
    await q.query(`
      CREATE TABLE coverage_event_tally (unit text NOT NULL, project_id int NOT NULL, period timestamp NOT NULL, event_id int NOT NULL,
        talks int NOT NULL CHECK (talks >= 0), PRIMARY KEY (unit, project_id, period, event_id))`);
    await q.query(`
      CREATE TABLE coverage_speaker_tally (unit text NOT NULL, project_id int NOT NULL, period timestamp NOT NULL, speaker_id int NOT NULL,
        talks int NOT NULL CHECK (talks >= 0), PRIMARY KEY (unit, project_id, period, speaker_id))`);
    await q.query(`
      CREATE TABLE coverage_tally (unit text NOT NULL CHECK (unit IN ('month', 'quarter', 'year')), project_id int NOT NULL, period timestamp NOT NULL,
        talks int NOT NULL CHECK (talks >= 0), events int NOT NULL CHECK (events >= 0), speakers int NOT NULL CHECK (speakers >= 0),
        PRIMARY KEY (unit, project_id, period))`);
    for (const [table, counts] of Object.entries(TALLIES)) {
      await q.query(`COMMENT ON TABLE ${table} IS 'Kept by triggers on the links: ${counts.replace(/'/g, "''")}.'`);
      // Queries read the tallies, so the response cache hears of their changes like any table's.
      await q.query(`CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_change()`);
    }
    // A project's first and last dated talk in local time, for the range of its coverage.
    await q.query(`CREATE INDEX talk_project_local_idx ON talk_project (project_id, talk_local_at)`);
    await q.query(`CREATE INDEX project_speaker_tally_speaker_idx ON project_speaker_tally (speaker_id)`);
    await q.query(`CREATE INDEX project_event_tally_event_idx ON project_event_tally (event_id)`);

    await q.query(`CREATE TYPE tally_project_link AS (talk_id int, project_id int, event_id int, local_at timestamp)`);
    await q.query(`CREATE TYPE tally_speaker_link AS (talk_id int, speaker_id int)`);

    await q.query(`
      CREATE FUNCTION tally_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE project_tally, project_event_tally, project_speaker_tally, project_pair_tally, coverage_event_tally, coverage_speaker_tally, coverage_tally;
        -- Events and people are counted by the triggers on their tallies as those fill.
        INSERT INTO project_tally SELECT project_id, count(*), count(talk_local_at) FROM talk_project GROUP BY 1;
        INSERT INTO project_event_tally SELECT project_id, event_id, count(*) FROM talk_project GROUP BY 1, 2;
        INSERT INTO project_speaker_tally
          SELECT tp.project_id, ts.speaker_id, count(*) FROM talk_project tp JOIN talk_speaker ts ON ts.talk_id = tp.talk_id GROUP BY 1, 2;
        INSERT INTO project_speaker_tally AS t (project_id, speaker_id, talks, holds_role)
          SELECT project_id, speaker_id, 0, true FROM speaker_project ON CONFLICT (project_id, speaker_id) DO UPDATE SET holds_role = true;
        INSERT INTO project_pair_tally
          SELECT a.project_id, b.project_id, count(*) FROM talk_project a JOIN talk_project b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id GROUP BY 1, 2;
        INSERT INTO coverage_event_tally
          SELECT u.unit, l.project_id, date_trunc(u.unit, l.talk_local_at), l.event_id, count(*)
          FROM talk_project l CROSS JOIN unnest(${UNITS}) u(unit) WHERE l.talk_local_at IS NOT NULL GROUP BY 1, 2, 3, 4;
        INSERT INTO coverage_speaker_tally
          SELECT u.unit, l.project_id, date_trunc(u.unit, l.talk_local_at), ts.speaker_id, count(*)
          FROM talk_project l JOIN talk_speaker ts ON ts.talk_id = l.talk_id CROSS JOIN unnest(${UNITS}) u(unit)
          WHERE l.talk_local_at IS NOT NULL GROUP BY 1, 2, 3, 4;
        INSERT INTO coverage_tally
          SELECT c.unit, c.project_id, c.period, c.talks,
            (SELECT count(*) FROM coverage_event_tally x WHERE (x.unit, x.project_id, x.period) = (c.unit, c.project_id, c.period)),
            (SELECT count(*) FROM coverage_speaker_tally x WHERE (x.unit, x.project_id, x.period) = (c.unit, c.project_id, c.period))
          FROM (SELECT unit, project_id, period, sum(talks) AS talks FROM coverage_event_tally GROUP BY 1, 2, 3) c;
      END $$`);

    // The heart: the talks' links before and after a statement, and the difference in every tally.
    await q.query(`
      CREATE FUNCTION tally_talk_links(old_p tally_project_link[], new_p tally_project_link[], old_s tally_speaker_link[], new_s tally_speaker_link[])
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        touched int[];
        pa tally_project_link[];
        pb tally_project_link[];
        sa tally_speaker_link[];
        sb tally_speaker_link[];
      BEGIN
        SELECT array_agg(DISTINCT id ORDER BY id) INTO touched FROM (
          SELECT talk_id AS id FROM unnest(old_p) UNION ALL SELECT talk_id FROM unnest(new_p)
          UNION ALL SELECT talk_id FROM unnest(old_s) UNION ALL SELECT talk_id FROM unnest(new_s)) ids;
        IF touched IS NULL THEN RETURN; END IF;
        -- No other writer of links is between its first link statement and its commit (see
        -- tally_writers_take_turns), so the statements below see every other's links.
        -- After: the links now. Before: now, less what the statement wrote, plus what it removed.
        SELECT coalesce(array_agg(row(l.talk_id, l.project_id, l.event_id, l.talk_local_at)::tally_project_link), '{}') INTO pa
          FROM talk_project l WHERE l.talk_id = ANY (touched);
        SELECT coalesce(array_agg(row(l.talk_id, l.speaker_id)::tally_speaker_link), '{}') INTO sa
          FROM talk_speaker l WHERE l.talk_id = ANY (touched);
        SELECT coalesce(array_agg(row(b.talk_id, b.project_id, b.event_id, b.local_at)::tally_project_link), '{}') INTO pb
          FROM (SELECT * FROM unnest(pa) EXCEPT ALL SELECT * FROM unnest(new_p) UNION ALL SELECT * FROM unnest(old_p)) b;
        SELECT coalesce(array_agg(row(b.talk_id, b.speaker_id)::tally_speaker_link), '{}') INTO sb
          FROM (SELECT * FROM unnest(sa) EXCEPT ALL SELECT * FROM unnest(new_s) UNION ALL SELECT * FROM unnest(old_s)) b;

        -- A row per project, written by every writer of its links: locked first, in project order.
        WITH d AS (
            SELECT project_id, sum(n)::int AS talks, sum(dated)::int AS dated FROM (
              SELECT project_id, 1 AS n, (local_at IS NOT NULL)::int AS dated FROM unnest(pa)
              UNION ALL SELECT project_id, -1, -(local_at IS NOT NULL)::int FROM unnest(pb)) x
            GROUP BY 1 HAVING (sum(n), sum(dated)) <> (0, 0)),
          up AS (
            INSERT INTO project_tally AS t (project_id, talks, dated_talks) SELECT project_id, talks, dated FROM d WHERE talks >= 0 AND dated >= 0 ORDER BY 1
            ON CONFLICT (project_id) DO UPDATE SET talks = t.talks + excluded.talks, dated_talks = t.dated_talks + excluded.dated_talks)
        UPDATE project_tally t SET talks = t.talks + d.talks, dated_talks = t.dated_talks + d.dated
          FROM d WHERE least(d.talks, d.dated) < 0 AND t.project_id = d.project_id;
        -- (A row whose events and people also reach zero below is deleted by their tallies' triggers.)
        DELETE FROM project_tally t USING unnest(pb) b WHERE (t.talks, t.events, t.people) = (0, 0, 0) AND t.project_id = b.project_id;

        ${applyDeltas('project_event_tally', ['project_id', 'event_id'], `
          SELECT project_id, event_id, 1 AS n FROM unnest(pa) UNION ALL SELECT project_id, event_id, -1 FROM unnest(pb)`)};
        DELETE FROM project_event_tally t USING unnest(pb) b WHERE t.talks = 0 AND t.project_id = b.project_id AND t.event_id = b.event_id;

        ${applyDeltas('project_speaker_tally', ['project_id', 'speaker_id'], `
          SELECT p.project_id, s.speaker_id, 1 AS n FROM unnest(pa) p JOIN unnest(sa) s ON s.talk_id = p.talk_id
          UNION ALL SELECT p.project_id, s.speaker_id, -1 FROM unnest(pb) p JOIN unnest(sb) s ON s.talk_id = p.talk_id`)};
        DELETE FROM project_speaker_tally t USING unnest(pb) p, unnest(sb) s
          WHERE t.talks = 0 AND NOT t.holds_role AND s.talk_id = p.talk_id AND t.project_id = p.project_id AND t.speaker_id = s.speaker_id;

        ${applyDeltas('project_pair_tally', ['project_id', 'other_id'], `
          SELECT a.project_id, b.project_id AS other_id, 1 AS n FROM unnest(pa) a JOIN unnest(pa) b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id
          UNION ALL SELECT a.project_id, b.project_id, -1 FROM unnest(pb) a JOIN unnest(pb) b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id`)};
        DELETE FROM project_pair_tally t USING unnest(pb) a, unnest(pb) b
          WHERE t.talks = 0 AND b.talk_id = a.talk_id AND t.project_id = a.project_id AND t.other_id = b.project_id;

        -- Coverage, in every calendar unit at once.
        WITH fa AS (
            SELECT u.unit, l.project_id, date_trunc(u.unit, l.local_at) AS period, l.talk_id, l.event_id
            FROM unnest(pa) l CROSS JOIN unnest(${UNITS}) u(unit) WHERE l.local_at IS NOT NULL),
          fb AS (
            SELECT u.unit, l.project_id, date_trunc(u.unit, l.local_at) AS period, l.talk_id, l.event_id
            FROM unnest(pb) l CROSS JOIN unnest(${UNITS}) u(unit) WHERE l.local_at IS NOT NULL),
          talk_d AS (
            SELECT unit, project_id, period, sum(n)::int AS n FROM (
              SELECT unit, project_id, period, 1 AS n FROM fa UNION ALL SELECT unit, project_id, period, -1 FROM fb) x
            GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
          event_d AS (
            SELECT unit, project_id, period, event_id, sum(n)::int AS n FROM (
              SELECT unit, project_id, period, event_id, 1 AS n FROM fa UNION ALL SELECT unit, project_id, period, event_id, -1 FROM fb) x
            GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
          speaker_d AS (
            SELECT unit, project_id, period, speaker_id, sum(n)::int AS n FROM (
              SELECT f.unit, f.project_id, f.period, s.speaker_id, 1 AS n FROM fa f JOIN unnest(sa) s ON s.talk_id = f.talk_id
              UNION ALL SELECT f.unit, f.project_id, f.period, s.speaker_id, -1 FROM fb f JOIN unnest(sb) s ON s.talk_id = f.talk_id) x
            GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
          ${changedRows('events_up', 'coverage_event_tally', ['unit', 'project_id', 'period', 'event_id'], 'event_d')},
          ${changedRows('speakers_up', 'coverage_speaker_tally', ['unit', 'project_id', 'period', 'speaker_id'], 'speaker_d')},
          -- A distinct count moves when an event's or a speaker's count leaves or reaches zero.
          cell_d AS (
            SELECT unit, project_id, period, sum(talks)::int AS talks, sum(events)::int AS events, sum(speakers)::int AS speakers FROM (
              SELECT unit, project_id, period, n AS talks, 0 AS events, 0 AS speakers FROM talk_d
              UNION ALL SELECT unit, project_id, period, 0, CASE WHEN talks = 0 THEN -1 WHEN talks = n THEN 1 ELSE 0 END, 0 FROM events_up
              UNION ALL SELECT unit, project_id, period, 0, 0, CASE WHEN talks = 0 THEN -1 WHEN talks = n THEN 1 ELSE 0 END FROM speakers_up) x
            GROUP BY 1, 2, 3 HAVING (sum(talks), sum(events), sum(speakers)) <> (0, 0, 0)),
          -- A new cell can only grow; one with a count going down exists, and is updated.
          cells_up AS (
            INSERT INTO coverage_tally AS t (unit, project_id, period, talks, events, speakers)
            SELECT * FROM cell_d WHERE talks >= 0 AND events >= 0 AND speakers >= 0 ORDER BY 1, 2, 3
            ON CONFLICT (unit, project_id, period) DO UPDATE
              SET talks = t.talks + excluded.talks, events = t.events + excluded.events, speakers = t.speakers + excluded.speakers)
        UPDATE coverage_tally t SET talks = t.talks + d.talks, events = t.events + d.events, speakers = t.speakers + d.speakers
          FROM cell_d d WHERE least(d.talks, d.events, d.speakers) < 0 AND (t.unit, t.project_id, t.period) = (d.unit, d.project_id, d.period);

        -- Rows whose count reached zero can only be among the keys the links before counted.
        DELETE FROM coverage_event_tally t USING unnest(pb) l CROSS JOIN unnest(${UNITS}) u(unit)
          WHERE t.talks = 0 AND l.local_at IS NOT NULL
            AND (t.unit, t.project_id, t.period, t.event_id) = (u.unit, l.project_id, date_trunc(u.unit, l.local_at), l.event_id);
        DELETE FROM coverage_speaker_tally t USING unnest(pb) l JOIN unnest(sb) s ON s.talk_id = l.talk_id CROSS JOIN unnest(${UNITS}) u(unit)
          WHERE t.talks = 0 AND l.local_at IS NOT NULL
            AND (t.unit, t.project_id, t.period, t.speaker_id) = (u.unit, l.project_id, date_trunc(u.unit, l.local_at), s.speaker_id);
        DELETE FROM coverage_tally t USING unnest(pb) l CROSS JOIN unnest(${UNITS}) u(unit)
          WHERE t.talks = 0 AND l.local_at IS NOT NULL AND (t.unit, t.project_id, t.period) = (u.unit, l.project_id, date_trunc(u.unit, l.local_at));
      END $$`);

    // One trigger per event (a trigger with transition tables may have only one), one function per table.
    const links = {
      talk_project: { columns: 'talk_id, project_id, event_id, talk_local_at', type: 'tally_project_link', arguments: (old: string, now: string) => `${old}, ${now}, '{}', '{}'` },
      talk_speaker: { columns: 'talk_id, speaker_id', type: 'tally_speaker_link', arguments: (old: string, now: string) => `'{}', '{}', ${old}, ${now}` },
    };
    for (const [link, { columns, type, arguments: args }] of Object.entries(links)) {
      const rows = (table: string) => `(SELECT array_agg(row(${columns})::${type}) FROM ${table})`;
      await q.query(`
        CREATE FUNCTION ${link}_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            PERFORM tally_rebuild();
          ELSIF TG_OP = 'INSERT' THEN
            PERFORM tally_talk_links(${args("'{}'", rows('new_links'))});
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM tally_talk_links(${args(rows('old_links'), "'{}'")});
          -- An update that changed nothing a tally counts (a date key copied onto the link, say) costs one comparison.
          ELSIF EXISTS (SELECT ${columns} FROM new_links EXCEPT ALL SELECT ${columns} FROM old_links) THEN
            PERFORM tally_talk_links(${args(rows('old_links'), rows('new_links'))});
          END IF;
          RETURN NULL;
        END $$`);
    }
    await q.query(`
      CREATE FUNCTION tally_writers_take_turns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${TALLY_LOCK});
        RETURN NULL;
      END $$`);
    for (const table of ['talk_project', 'talk_speaker', 'speaker_project']) {
      await q.query(`
        CREATE TRIGGER ${table}_tally_turn BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION tally_writers_take_turns()`);
    }
    for (const link of ['talk_project', 'talk_speaker']) {
      await q.query(`CREATE TRIGGER ${link}_tallies_insert AFTER INSERT ON ${link} REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION ${link}_tallies()`);
      await q.query(
        `CREATE TRIGGER ${link}_tallies_update AFTER UPDATE ON ${link} REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION ${link}_tallies()`,
      );
      await q.query(`CREATE TRIGGER ${link}_tallies_delete AFTER DELETE ON ${link} REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION ${link}_tallies()`);
      await q.query(`CREATE TRIGGER ${link}_tallies_truncate AFTER TRUNCATE ON ${link} FOR EACH STATEMENT EXECUTE FUNCTION ${link}_tallies()`);
    }

    // A standing role makes a person one of the project's people, talks or not.
    await q.query(`
      CREATE FUNCTION speaker_project_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          UPDATE project_speaker_tally SET holds_role = false WHERE project_id = OLD.project_id AND speaker_id = OLD.speaker_id;
          DELETE FROM project_speaker_tally WHERE project_id = OLD.project_id AND speaker_id = OLD.speaker_id AND talks = 0 AND NOT holds_role;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO project_speaker_tally (project_id, speaker_id, talks, holds_role) VALUES (NEW.project_id, NEW.speaker_id, 0, true)
          ON CONFLICT (project_id, speaker_id) DO UPDATE SET holds_role = true;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER speaker_project_tally AFTER INSERT OR DELETE OR UPDATE OF speaker_id, project_id ON speaker_project
        FOR EACH ROW EXECUTE FUNCTION speaker_project_tally()`);
    await q.query(`
      CREATE FUNCTION speaker_project_rebuilds_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM tally_rebuild();
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER speaker_project_tallies_truncate AFTER TRUNCATE ON speaker_project FOR EACH STATEMENT EXECUTE FUNCTION speaker_project_rebuilds_tallies()`);

    // A project's events and people are the rows of its event and speaker tallies: counted as
    // rows come and go (a row exists while its count is above zero, or the person holds a role).
    for (const [tally, column] of [['project_event_tally', 'events'], ['project_speaker_tally', 'people']]) {
      await q.query(`
        CREATE FUNCTION ${tally}_counts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO project_tally AS t (project_id, talks, dated_talks, ${column})
              SELECT project_id, 0, 0, count(*) FROM new_rows GROUP BY 1 ORDER BY 1
              ON CONFLICT (project_id) DO UPDATE SET ${column} = t.${column} + excluded.${column};
          ELSE
            UPDATE project_tally t SET ${column} = t.${column} - d.n
              FROM (SELECT project_id, count(*)::int AS n FROM old_rows GROUP BY 1) d WHERE t.project_id = d.project_id;
            DELETE FROM project_tally t USING (SELECT DISTINCT project_id FROM old_rows) d
              WHERE t.project_id = d.project_id AND (t.talks, t.events, t.people) = (0, 0, 0);
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER ${tally}_counts_insert AFTER INSERT ON ${tally} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${tally}_counts()`);
      await q.query(`CREATE TRIGGER ${tally}_counts_delete AFTER DELETE ON ${tally} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${tally}_counts()`);
    }

    // A deleted talk's links go first, one table at a time: when a cascade removed both, each
    // table's trigger would find the other's links already gone and miss the pairs between them.
    await q.query(`
      CREATE FUNCTION talk_drops_links() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM talk_speaker WHERE talk_id = OLD.id;
        DELETE FROM talk_project WHERE talk_id = OLD.id;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER talk_drops_links BEFORE DELETE ON talk FOR EACH ROW EXECUTE FUNCTION talk_drops_links()`);

    await q.query(`SELECT tally_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const link of ['talk_project', 'talk_speaker']) {
      for (const on of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER ${link}_tallies_${on} ON ${link}`);
      await q.query(`DROP FUNCTION ${link}_tallies()`);
    }
    await q.query(`DROP TRIGGER talk_drops_links ON talk`);
    for (const table of ['talk_project', 'talk_speaker', 'speaker_project']) await q.query(`DROP TRIGGER ${table}_tally_turn ON ${table}`);
    await q.query(`DROP FUNCTION tally_writers_take_turns()`);
    await q.query(`DROP TRIGGER speaker_project_tally ON speaker_project`);
    await q.query(`DROP TRIGGER speaker_project_tallies_truncate ON speaker_project`);
    await q.query(`DROP FUNCTION speaker_project_tally(), speaker_project_rebuilds_tallies()`);
    await q.query(`DROP FUNCTION talk_drops_links()`);
    await q.query(`DROP FUNCTION tally_talk_links(tally_project_link[], tally_project_link[], tally_speaker_link[], tally_speaker_link[]), tally_rebuild()`);
    await q.query(`DROP TYPE tally_project_link, tally_speaker_link`);
    await q.query(`DROP TABLE ${Object.keys(TALLIES).join(', ')}`);
    await q.query(`DROP FUNCTION project_event_tally_counts(), project_speaker_tally_counts()`);
    await q.query(`DROP TRIGGER event_talk_local_times ON event`);
    await q.query(`DROP FUNCTION event_moves_talk_local_times()`);
    await q.query(`DROP TRIGGER talk_link_keys ON talk`);
    await q.query(`
      CREATE OR REPLACE FUNCTION talk_copies_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE talk_project SET talk_date_key = NEW.date_key, talk_position = NEW.position WHERE talk_id = NEW.id;
        UPDATE talk_speaker SET talk_date_key = NEW.date_key, talk_position = NEW.position WHERE talk_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER talk_link_keys AFTER UPDATE ON talk FOR EACH ROW
      WHEN (OLD.date_key IS DISTINCT FROM NEW.date_key OR OLD.position IS DISTINCT FROM NEW.position) EXECUTE FUNCTION talk_copies_keys()`);
    await q.query(`DROP TRIGGER talk_project_talk_facts ON talk_project`);
    await q.query(`DROP FUNCTION talk_project_takes_talk_facts()`);
    await q.query(`ALTER TABLE talk_project DROP COLUMN event_id, DROP COLUMN talk_local_at`);
    await q.query(`DROP FUNCTION talk_local_at(timestamptz, text)`);
  }
}
