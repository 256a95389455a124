import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/database/tables';
import { TALK_CARD } from '../../src/talks/talk-card';
import { cardDrift, COVERAGE_UNITS, TALLY_REFERENCE, tallyDrift } from '../helpers/kept-on-write';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Data the database derives on write (migrations TalkCards and ProjectTallies, which landed and are
// never edited) against the one definition the readers go by: talk-card.ts's TALK_CARD for cards,
// the analytics' calendar units (`periodSql`) and the counts of kept-on-write.ts for tallies.

let database: TestDatabase;
const sql = <T = any>(text: string, values: readonly unknown[] = []) => database.db.query<T>(text, values);
let ids: { talk: number; speakers: number[]; projects: number[] };

beforeAll(async () => {
  database = await createTestDatabase();
  const [{ id: community }] = await sql(`INSERT INTO community (slug, name) VALUES ('c', 'C') RETURNING id`);
  const [{ id: event }] = await sql(
    `INSERT INTO event (slug, community_id, title, starts_at) VALUES ('e', $1, 'E', '2024-04-20T05:30:00Z') RETURNING id`,
    [community],
  );
  const [{ id: talk }] = await sql(`INSERT INTO talk (event_id, title, title_key, position) VALUES ($1, 'T', 't', 1) RETURNING id`, [
    event,
  ]);
  const speakers = await sql(
    `INSERT INTO speaker (name, alias, name_key) VALUES ('王特', '亦夏', '王特'), ('Ann', NULL, 'ann') RETURNING id`,
  );
  const projects = await sql(
    `INSERT INTO project (slug, name, community_id) VALUES ('seata', 'Seata', $1), ('mosn', 'MOSN', NULL) RETURNING id`,
    [community],
  );
  await sql(`INSERT INTO talk_speaker (talk_id, speaker_id, role, position) VALUES ($1, $2, 'HOST', 2), ($1, $3, 'SPEAKER', 1)`, [
    talk,
    speakers[0].id,
    speakers[1].id,
  ]);
  await sql(`INSERT INTO talk_project (talk_id, project_id) SELECT $1, unnest($2::int[])`, [talk, projects.map((p: any) => p.id)]);
  ids = { talk, speakers: speakers.map((s: any) => s.id), projects: projects.map((p: any) => p.id) };
}, 120_000);
afterAll(() => database?.drop());

describe(`derived data (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("writes a talk's card with exactly the fields talk-card.ts declares, each the value of its column", async () => {
    const [card] = await sql<{ credits: any[]; projects: any[] }>(`SELECT credits, projects FROM talk_card WHERE talk_id = $1`, [ids.talk]);
    expect(card.credits.map((credit) => Object.keys(credit).sort())).toEqual([
      ['role', 'speaker'],
      ['role', 'speaker'],
    ]);
    const speakers = await sql(
      `SELECT s.*, ts.role FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = $1 ORDER BY ts.position, s.id`,
      [ids.talk],
    );
    const declared = (shape: Record<string, string>, row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(shape).map(([property, column]) => [property, row[column]]));
    // Key order too: a card is read as it is stored.
    expect(card.credits.map((credit) => Object.keys(credit.speaker))).toEqual(speakers.map(() => Object.keys(TALK_CARD.credits.speaker)));
    expect(card.credits).toEqual(
      speakers.map((row: any) => ({ role: row[TALK_CARD.credits.role], speaker: declared(TALK_CARD.credits.speaker, row) })),
    );
    const projects = await sql(
      `SELECT p.* FROM talk_project tp JOIN project p ON p.id = tp.project_id WHERE tp.talk_id = $1 ORDER BY p.name, p.id`,
      [ids.talk],
    );
    expect(card.projects.map((project) => Object.keys(project))).toEqual(projects.map(() => Object.keys(TALK_CARD.projects)));
    expect(card.projects).toEqual(projects.map((row: any) => declared(TALK_CARD.projects, row)));
    // A null stays a null of its field (a speaker without alias, a project of no community).
    expect(card.credits[0].speaker.alias).toBeNull();
    expect(card.projects[0].communityId).toBeNull();
    expect(await cardDrift(sql)).toBe(0);
  });

  it('keeps a tally for every tally table of the schema, in the calendar units the analytics read', async () => {
    expect(Object.keys(TALLY_REFERENCE).sort()).toEqual(
      Object.keys(schema)
        .filter((table) => table.endsWith('_tally'))
        .sort(),
    );
    const [{ check }] = await sql<{ check: string }>(
      `SELECT pg_get_constraintdef(oid) AS check FROM pg_constraint WHERE conname = 'coverage_tally_unit_check'`,
    );
    expect([...check.matchAll(/'(\w+)'::text/g)].map((m) => m[1]).sort()).toEqual([...COVERAGE_UNITS].sort());
    const units = await sql<{ unit: string }>(`SELECT DISTINCT unit FROM coverage_tally ORDER BY unit`);
    expect(units.map((u) => u.unit)).toEqual([...COVERAGE_UNITS].sort());
  });

  it('counts in every tally what the link tables give after a set of writes', async () => {
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`DELETE FROM talk_project WHERE talk_id = $1 AND project_id = $2`, [ids.talk, ids.projects[1]]);
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`UPDATE talk SET starts_at = '2025-01-01T00:30:00Z' WHERE id = $1`, [ids.talk]);
    expect(await tallyDrift(sql)).toEqual({});
    await sql(`INSERT INTO speaker_project (speaker_id, project_id, role) VALUES ($1, $2, 'maintainer')`, [
      ids.speakers[1],
      ids.projects[1],
    ]);
    await sql(`DELETE FROM talk_speaker WHERE talk_id = $1 AND speaker_id = $2`, [ids.talk, ids.speakers[0]]);
    expect(await tallyDrift(sql)).toEqual({});
    const [tally] = await sql(`SELECT talks, dated_talks, events, people FROM project_tally WHERE project_id = $1`, [ids.projects[0]]);
    expect(tally).toEqual({ talks: 1, dated_talks: 1, events: 1, people: 1 });
  });
});
