import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInDataset } from '../../src/dataset/seed';
import { keyHeaders } from '../helpers/api-keys';
import { concurrentWriters, type Transaction } from '../helpers/concurrent-writers';
import { TALLY_REFERENCE, tallyDrift } from '../helpers/kept-on-write';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Migration ProjectTallies keeps counts per project and event, speaker, other project and
// calendar period, updated by triggers on every write to the links. These tests write every
// way a count can change, directly and through the API, and after each compare every tally with
// the same counts computed from the source tables: talks, events and links, not the copies.

let server: TestServer;
beforeAll(async () => {
  // Coverage of 100 projects per month over the dataset's years returns some 50,000 values, and
  // the cost model charges each: past the public cost limit, which this test is not about.
  server = await startTestServer({ datasets: builtInDataset, env: { MAX_QUERY_COST: '200000' } });
}, 120_000);
afterAll(() => server?.close());

const sql = <T = any>(text: string, values: readonly unknown[] = []) => server.db.query<T>(text, values);

/** A talk with a date, a speaker and a project, from the seeded data. */
async function busyTalk(offset = 0): Promise<{ id: number; event_id: number }> {
  const [row] = await sql(
    `SELECT t.id, t.event_id FROM talk t JOIN event e ON e.id = t.event_id
     WHERE coalesce(t.starts_at, e.starts_at) IS NOT NULL
       AND EXISTS (SELECT 1 FROM talk_speaker ts WHERE ts.talk_id = t.id) AND EXISTS (SELECT 1 FROM talk_project tp WHERE tp.talk_id = t.id)
     ORDER BY t.id OFFSET $1 LIMIT 1`,
    [offset],
  );
  expect(row, 'the built-in dataset has dated talks with a speaker and a project').toBeDefined();
  return row;
}

/** A project the talk does not cover yet. */
async function otherProject(talkId: number, offset = 0): Promise<number> {
  const [row] = await sql(
    `SELECT id FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = $1 AND project_id = p.id) ORDER BY id OFFSET $2 LIMIT 1`,
    [talkId, offset],
  );
  return row.id;
}

describe(`project tallies (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('hold the counts of the seeded graph, and count something', async () => {
    expect(await tallyDrift(sql)).toEqual({});
    const counts = await sql<{ table: string; n: number }>(
      Object.keys(TALLY_REFERENCE)
        .map((table) => `SELECT '${table}' AS table, count(*)::int AS n FROM ${table}`)
        .join(' UNION ALL '),
    );
    for (const { table, n } of counts) expect(n, table).toBeGreaterThan(0);
  });

  it('follow links added, removed and moved, one at a time and many in one statement', async () => {
    const talk = await busyTalk();
    const project = await otherProject(talk.id);
    await sql(`INSERT INTO talk_project (talk_id, project_id) VALUES ($1, $2)`, [talk.id, project]);
    expect(await tallyDrift(sql)).toEqual({});
    // Every project on one talk in one statement: pairs among the new links and with the old ones.
    await sql(
      `INSERT INTO talk_project (talk_id, project_id) SELECT $1, p.id FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = $1 AND project_id = p.id)`,
      [talk.id],
    );
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`DELETE FROM talk_project WHERE talk_id = $1 AND project_id <> $2`, [talk.id, project]);
    expect(await tallyDrift(sql)).toEqual({});
    const other = await busyTalk(1);
    await sql(
      `UPDATE talk_project SET talk_id = $2 WHERE talk_id = $1 AND project_id = $3 AND NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = $2 AND project_id = $3)`,
      [talk.id, other.id, project],
    );
    expect(await tallyDrift(sql)).toEqual({});
    const [speaker] = await sql(
      `SELECT id FROM speaker s WHERE NOT EXISTS (SELECT 1 FROM talk_speaker WHERE talk_id IN ($1, $2) AND speaker_id = s.id) ORDER BY id LIMIT 1`,
      [other.id, talk.id],
    );
    await sql(`INSERT INTO talk_speaker (talk_id, speaker_id) VALUES ($1, $2)`, [other.id, speaker.id]);
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`UPDATE talk_speaker SET talk_id = $2 WHERE talk_id = $1 AND speaker_id = $3`, [other.id, talk.id, speaker.id]);
    expect(await tallyDrift(sql)).toEqual({});
    // An update that changes nothing counted (role, position) leaves every count as it was.
    await sql(`UPDATE talk_speaker SET role = 'HOST', position = position + 1 WHERE talk_id = $1`, [talk.id]);
    await sql(`DELETE FROM talk_speaker WHERE talk_id = $1`, [talk.id]);
    expect(await tallyDrift(sql)).toEqual({});
  });

  it("follow a talk's new slot, a move to another event, and its event's new start and time zone", async () => {
    const talk = await busyTalk(2);
    await sql(`UPDATE talk SET starts_at = '2031-12-31T23:30:00Z' WHERE id = $1`, [talk.id]);
    expect(await tallyDrift(sql)).toEqual({});
    const [other] = await sql(`SELECT id FROM event WHERE id <> $1 AND starts_at IS NOT NULL ORDER BY id LIMIT 1`, [talk.event_id]);
    await sql(`UPDATE talk SET event_id = $2, starts_at = NULL WHERE id = $1`, [talk.id, other.id]);
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`UPDATE event SET starts_at = '2030-03-31T20:00:00Z', ends_at = '2030-03-31T23:00:00Z' WHERE id = $1`, [other.id]);
    expect(await tallyDrift(sql)).toEqual({});
    // Half past four in the morning in Shanghai, still March in Los Angeles: the quarter changes.
    await sql(`UPDATE event SET time_zone = 'America/Los_Angeles' WHERE id = $1`, [other.id]);
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`UPDATE event SET starts_at = NULL, ends_at = NULL WHERE id = $1`, [other.id]);
    expect(await tallyDrift(sql)).toEqual({});
  });

  it('replace a hand-written event or local time on a link with the true one', async () => {
    const talk = await busyTalk(3);
    await sql(`UPDATE talk_project SET event_id = event_id + 1, talk_local_at = '1901-01-01' WHERE talk_id = $1`, [talk.id]);
    const wrong = await sql(
      `SELECT l.talk_id FROM talk_project l JOIN talk t ON t.id = l.talk_id JOIN event e ON e.id = t.event_id
       WHERE (l.event_id, l.talk_local_at) IS DISTINCT FROM (t.event_id, CASE WHEN t.date_key = '-infinity' THEN NULL ELSE t.date_key AT TIME ZONE e.time_zone END)`,
    );
    expect(wrong).toEqual([]);
    expect(await tallyDrift(sql)).toEqual({});
  });

  it('lose the counts of a deleted talk, event, speaker and project', async () => {
    await sql(`DELETE FROM talk WHERE id = $1`, [(await busyTalk(4)).id]);
    expect(await tallyDrift(sql)).toEqual({});
    const [event] = await sql(`SELECT event_id AS id FROM talk GROUP BY event_id ORDER BY count(*) DESC LIMIT 1`);
    await sql(`DELETE FROM event WHERE id = $1`, [event.id]);
    expect(await tallyDrift(sql)).toEqual({});
    const [speaker] = await sql(`SELECT speaker_id AS id FROM talk_speaker GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1`);
    await sql(`DELETE FROM speaker WHERE id = $1`, [speaker.id]);
    expect(await tallyDrift(sql)).toEqual({});
    const [project] = await sql(`SELECT project_id AS id FROM talk_project GROUP BY project_id ORDER BY count(*) DESC LIMIT 1`);
    await sql(`DELETE FROM project WHERE id = $1`, [project.id]);
    expect(await tallyDrift(sql)).toEqual({});
  });

  it('follow the mutations: a project linked, a speaker credited and two speakers merged', async () => {
    const headers = await keyHeaders(server);
    const call = (query: string, variables: Record<string, unknown>) => server.data(query, variables, headers);
    const data = await server.data(
      `{ talks(first: 2) { nodes { id } } projects(first: 50) { nodes { id } } speakers(first: 2) { nodes { id } } }`,
    );
    const [talk, second] = data.talks.nodes;
    const linked = await call(`mutation($input: TalkProjectLinkInput!) { talkProjectLink(input: $input) { userErrors { message } } }`, {
      input: { talk: talk.id, project: data.projects.nodes.at(-1).id },
    });
    expect(linked).toEqual({ talkProjectLink: { userErrors: [] } });
    expect(await tallyDrift(sql)).toEqual({});
    const [kept, duplicate] = data.speakers.nodes;
    await call(`mutation($input: TalkSpeakerLinkInput!) { talkSpeakerLink(input: $input) { userErrors { message } } }`, {
      input: { talk: second.id, speaker: duplicate.id },
    });
    expect(await tallyDrift(sql)).toEqual({});
    const merged = await call(`mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { userErrors { message } } }`, {
      input: { speaker: kept.id, duplicate: duplicate.id },
    });
    expect(merged).toEqual({ speakerMerge: { userErrors: [] } });
    expect(await tallyDrift(sql)).toEqual({});
  });

  it('are rebuilt when a link table is truncated', async () => {
    await server.db.transaction(async (_manager, tx) => {
      const saved = await tx(`SELECT talk_id, speaker_id, role, position FROM talk_speaker`);
      await tx(`TRUNCATE talk_speaker`);
      const [{ n }] = await tx<{ n: number }>(`SELECT count(*)::int AS n FROM project_speaker_tally WHERE talks > 0`);
      expect(n).toBe(0);
      await tx(
        `INSERT INTO talk_speaker (talk_id, speaker_id, role, position) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(talk_id int, speaker_id int, role text, position int)`,
        [JSON.stringify(saved)],
      );
    });
    expect(await tallyDrift(sql)).toEqual({});
  });

  it('answer the project page and the coverage panel as the talks do', async () => {
    const [top] = await sql(
      `SELECT p.slug FROM project p JOIN talk_project tp ON tp.project_id = p.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
    );
    const page = await server.data(
      `query($slug: String!) { project(slug: $slug) { id events(first: 100) { totalCount nodes { slug } } speakers(first: 100) { totalCount nodes { name } } relatedProjects(first: 100) { slug } } }`,
      { slug: top.slug },
    );
    const [want] = await sql(
      `SELECT
         (SELECT array_agg(e.slug ORDER BY coalesce(e.starts_at, '-infinity') DESC, e.id DESC) FROM event e
           WHERE EXISTS (SELECT 1 FROM talk t JOIN talk_project tp ON tp.talk_id = t.id WHERE t.event_id = e.id AND tp.project_id = p.id)) AS events,
         (SELECT array_agg(s.name ORDER BY s.name, s.id) FROM speaker s WHERE s.id IN (
           SELECT ts.speaker_id FROM talk_project tp JOIN talk_speaker ts ON ts.talk_id = tp.talk_id WHERE tp.project_id = p.id
           UNION SELECT sp.speaker_id FROM speaker_project sp WHERE sp.project_id = p.id)) AS speakers,
         (SELECT array_agg(slug ORDER BY shared DESC, name, id) FROM (
           SELECT r.slug, r.name, r.id, count(*) AS shared FROM talk_project a JOIN talk_project b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id
           JOIN project r ON r.id = b.project_id WHERE a.project_id = p.id GROUP BY r.id) r) AS related
       FROM project p WHERE p.slug = $1`,
      [top.slug],
    );
    expect(page.project.events.nodes.map((e: any) => e.slug)).toEqual(want.events.slice(0, 100));
    expect(page.project.events.totalCount).toBe(want.events.length);
    expect(page.project.speakers.nodes.map((s: any) => s.name)).toEqual(want.speakers.slice(0, 100));
    expect(page.project.speakers.totalCount).toBe(want.speakers.length);
    expect(page.project.relatedProjects.map((r: any) => r.slug)).toEqual(want.related.slice(0, 100));
    expect(want.related.length).toBeGreaterThan(0);

    // A filter that limits nothing (a `from` before every talk) takes the path that counts the talks.
    const coverage = `query($period: Period!, $filter: AnalyticsFilter) { analytics(filter: $filter) { coverage(period: $period, first: 100) {
      project { slug } talks points { period start talks events speakers } } } }`;
    for (const period of ['MONTH', 'QUARTER', 'YEAR']) {
      const fromTallies = await server.data(coverage, { period, filter: {} });
      const fromTalks = await server.data(coverage, { period, filter: { from: '1900-01-01T00:00:00Z' } });
      expect(fromTallies.analytics.coverage.length, period).toBeGreaterThan(3);
      expect(fromTallies, period).toEqual(fromTalks);
      const named = { projects: [top.slug, 'no-such-project'] };
      expect(await server.data(coverage, { period, filter: named })).toEqual(
        await server.data(coverage, { period, filter: { ...named, from: '1900-01-01T00:00:00Z' } }),
      );
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('project tallies under concurrent writers (postgres)', () => {
  it('run a transaction again when PostgreSQL rolls it back to break a deadlock', async () => {
    const [a, b] = (await sql<{ id: number }>(`SELECT id FROM talk ORDER BY id LIMIT 2`)).map((t) => t.id);
    const attempts = [0, 0];
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    // Each locks one talk, waits until the other holds the other talk, then asks for it.
    const write = (first: number, second: number, i: number) =>
      server.db.transaction(async (_manager, tx) => {
        attempts[i]++;
        await tx(`UPDATE talk SET title = title WHERE id = $1`, [first]);
        if (++arrived === 2) release();
        await bothHoldOne;
        await tx(`UPDATE talk SET title = title WHERE id = $1`, [second]);
      });
    await Promise.all([write(a, b, 0), write(b, a, 1)]);
    // One of the two was the victim and ran twice; both landed.
    expect(attempts.sort()).toEqual([1, 2]);
  }, 30_000);

  it('count every link when many transactions write the links of the same talks at once', async () => {
    const talks = (await sql<{ id: number }>(`SELECT id FROM talk ORDER BY id LIMIT 3`)).map((t) => t.id);
    const projects = (await sql<{ id: number }>(`SELECT id FROM project ORDER BY id LIMIT 6`)).map((p) => p.id);
    const speakers = (await sql<{ id: number }>(`SELECT id FROM speaker ORDER BY id LIMIT 6`)).map((s) => s.id);
    // Six writers at once, each transaction editing one talk as a mutation does: a project link
    // and a speaker credit added or removed, in one of two orders. Three talks, so writers meet
    // on the same talk and on the same tallies. Writers of links take turns, so none deadlocks
    // (before they did, a few in every run did, locking tally rows in their statements' order).
    const { committed, failures } = await concurrentWriters(server.databaseUrl!, 6, 20, (w, round) => {
      const talk = talks[(w + round) % talks.length];
      const project = projects[(w * 5 + round) % projects.length];
      const speaker = speakers[(w * 7 + round * 3) % speakers.length];
      const statements: Transaction =
        (w + round) % 3 === 0
          ? [
              [`DELETE FROM talk_project WHERE talk_id = $1 AND project_id = $2`, [talk, project]],
              [`DELETE FROM talk_speaker WHERE talk_id = $1 AND speaker_id = $2`, [talk, speaker]],
            ]
          : [
              [`INSERT INTO talk_project (talk_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [talk, project]],
              [`INSERT INTO talk_speaker (talk_id, speaker_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [talk, speaker]],
            ];
      return round % 2 ? statements.reverse() : statements;
    });
    expect(failures).toEqual([]);
    expect(committed).toBe(120);
    expect(await tallyDrift(sql)).toEqual({});
  }, 60_000);
});
