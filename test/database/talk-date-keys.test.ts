import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInDataset } from '../../src/dataset/seed';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Migration TalkDateKeys stores a talk's date (its slot, else its event's start) and copies it,
// with the agenda position, onto the talk's project and speaker links. These tests write every
// way a date or a link can change and check that no stored copy drifts from its source.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasets: builtInDataset });
}, 120_000);
afterAll(() => server?.close());

const sql = <T = any>(text: string, values: unknown[] = []) => server.db.query<T>(text, values);

/** Rows whose stored keys differ from what they copy; empty when everything is in step. */
async function drift(): Promise<unknown[]> {
  return sql(`
    SELECT 'talk' AS copy, t.id FROM talk t JOIN event e ON e.id = t.event_id
      WHERE t.date_key IS DISTINCT FROM coalesce(t.starts_at, e.starts_at, '-infinity')
    UNION ALL SELECT 'talk_project', l.talk_id FROM talk_project l JOIN talk t ON t.id = l.talk_id
      WHERE (l.talk_date_key, l.talk_position) IS DISTINCT FROM (t.date_key, t.position)
    UNION ALL SELECT 'talk_speaker', l.talk_id FROM talk_speaker l JOIN talk t ON t.id = l.talk_id
      WHERE (l.talk_date_key, l.talk_position) IS DISTINCT FROM (t.date_key, t.position)`);
}

/** A talk without a slot of its own and one of its project links, from the seeded data. */
async function unslottedTalk(): Promise<{ id: number; event_id: number; project_id: number }> {
  const [row] = await sql(
    `SELECT t.id, t.event_id, tp.project_id FROM talk t JOIN talk_project tp ON tp.talk_id = t.id WHERE t.starts_at IS NULL ORDER BY t.id LIMIT 1`,
  );
  expect(row, 'the built-in dataset has a talk without a slot that covers a project').toBeDefined();
  return row;
}

describe(`talk date keys (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('are filled for every seeded talk and link', async () => {
    expect(await drift()).toEqual([]);
    const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM talk_project WHERE talk_date_key = '-infinity'`);
    const [{ undated }] = await sql<{ undated: number }>(
      `SELECT count(*)::int AS undated FROM talk_project tp JOIN talk t ON t.id = tp.talk_id JOIN event e ON e.id = t.event_id WHERE t.starts_at IS NULL AND e.starts_at IS NULL`,
    );
    expect(count).toBe(undated);
  });

  it("follow an event's new start into its unslotted talks and their links, and leave slotted talks alone", async () => {
    const talk = await unslottedTalk();
    const [{ slotted_before }] = await sql(
      `SELECT count(*)::int AS slotted_before FROM talk WHERE event_id = $1 AND starts_at IS NOT NULL`,
      [talk.event_id],
    );
    const before = await sql(`SELECT id, date_key FROM talk WHERE event_id = $1 AND starts_at IS NOT NULL ORDER BY id`, [talk.event_id]);
    await sql(`UPDATE event SET starts_at = '2031-05-04T02:00:00Z', ends_at = '2031-05-04T10:00:00Z' WHERE id = $1`, [talk.event_id]);
    const [moved] = await sql(`SELECT talk_date_key FROM talk_project WHERE talk_id = $1 AND project_id = $2`, [talk.id, talk.project_id]);
    expect(new Date(moved.talk_date_key).toISOString()).toBe('2031-05-04T02:00:00.000Z');
    expect(await sql(`SELECT id, date_key FROM talk WHERE event_id = $1 AND starts_at IS NOT NULL ORDER BY id`, [talk.event_id])).toEqual(
      before,
    );
    expect(before).toHaveLength(slotted_before);
    await sql(`UPDATE event SET starts_at = NULL, ends_at = NULL WHERE id = $1`, [talk.event_id]);
    const [unknown] = await sql(`SELECT date_key = '-infinity' AS unknown FROM talk WHERE id = $1`, [talk.id]);
    expect(unknown.unknown).toBe(true);
    expect(await drift()).toEqual([]);
  });

  it("follow a talk's own slot, its position and a move to another event", async () => {
    const talk = await unslottedTalk();
    await sql(`UPDATE talk SET starts_at = '2030-01-02T03:04:05Z', position = 42 WHERE id = $1`, [talk.id]);
    const [link] = await sql(`SELECT talk_date_key, talk_position FROM talk_project WHERE talk_id = $1 AND project_id = $2`, [
      talk.id,
      talk.project_id,
    ]);
    expect([new Date(link.talk_date_key).toISOString(), link.talk_position]).toEqual(['2030-01-02T03:04:05.000Z', 42]);
    await sql(`UPDATE talk SET starts_at = NULL WHERE id = $1`, [talk.id]);
    const [other] = await sql(`SELECT id FROM event WHERE id <> $1 AND starts_at IS NOT NULL ORDER BY id LIMIT 1`, [talk.event_id]);
    await sql(`UPDATE talk SET event_id = $2 WHERE id = $1`, [talk.id, other.id]);
    const [moved] = await sql(`SELECT t.date_key = e.starts_at AS follows FROM talk t JOIN event e ON e.id = t.event_id WHERE t.id = $1`, [
      talk.id,
    ]);
    expect(moved.follows).toBe(true);
    expect(await drift()).toEqual([]);
  });

  it("give a new link its talk's keys, and a link moved to another talk that talk's keys", async () => {
    const [talk] = await sql(
      `SELECT t.id FROM talk t JOIN event e ON e.id = t.event_id WHERE e.starts_at IS NOT NULL ORDER BY t.id LIMIT 1`,
    );
    const [project] = await sql(
      `SELECT p.id FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project tp WHERE tp.project_id = p.id AND tp.talk_id = $1) ORDER BY p.id LIMIT 1`,
      [talk.id],
    );
    // A caller that writes wrong keys does not get them stored.
    await sql(`INSERT INTO talk_project (talk_id, project_id, talk_date_key, talk_position) VALUES ($1, $2, '1999-01-01', 99)`, [
      talk.id,
      project.id,
    ]);
    const [other] = await sql(
      `SELECT id FROM talk WHERE id <> $1 AND NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = talk.id AND project_id = $2) ORDER BY id DESC LIMIT 1`,
      [talk.id, project.id],
    );
    expect(await drift()).toEqual([]);
    await sql(`UPDATE talk_project SET talk_id = $3 WHERE talk_id = $1 AND project_id = $2`, [talk.id, project.id, other.id]);
    expect(await drift()).toEqual([]);
  });

  it("order every project's talks, read through the link index, as the date rule says", async () => {
    // The reference order is the rule itself, computed from the source columns.
    const reference = await sql<{ slug: string; titles: string[] }>(`
      SELECT p.slug, array_agg(t.title ORDER BY coalesce(t.starts_at, e.starts_at, '-infinity') DESC, t.position DESC, t.id DESC) AS titles
      FROM project p JOIN talk_project tp ON tp.project_id = p.id JOIN talk t ON t.id = tp.talk_id JOIN event e ON e.id = t.event_id
      GROUP BY p.slug ORDER BY p.slug`);
    expect(reference.length).toBeGreaterThan(10);
    const data = await server.data(`{ projects(first: 100) { nodes { slug talks(first: 45) { nodes { title } } } } }`);
    const api = data.projects.nodes
      .filter((p: any) => p.talks.nodes.length)
      .map((p: any) => ({ slug: p.slug, titles: p.talks.nodes.map((t: any) => t.title) }))
      .sort((a: any, b: any) => (a.slug < b.slug ? -1 : 1));
    expect(api).toEqual(reference.map((r) => ({ slug: r.slug, titles: r.titles.slice(0, 45) })));
  });

  it("order every speaker's talks, read through the link index, as the date rule says", async () => {
    const reference = await sql<{ name: string; titles: string[] }>(`
      SELECT s.id, s.name, array_agg(t.title ORDER BY coalesce(t.starts_at, e.starts_at, '-infinity') DESC, t.position DESC, t.id DESC) AS titles
      FROM speaker s JOIN talk_speaker ts ON ts.speaker_id = s.id JOIN talk t ON t.id = ts.talk_id JOIN event e ON e.id = t.event_id
      GROUP BY s.id, s.name ORDER BY s.name, s.id LIMIT 90`);
    expect(reference.length).toBeGreaterThan(10);
    const data = await server.data(`{ speakers(first: 90) { nodes { name talks(first: 45) { nodes { title } } } } }`);
    const api = data.speakers.nodes
      .filter((s: any) => s.talks.nodes.length)
      .map((s: any) => ({ name: s.name, titles: s.talks.nodes.map((t: any) => t.title) }));
    expect(api.slice(0, 20)).toEqual(reference.slice(0, 20).map((r) => ({ name: r.name, titles: r.titles.slice(0, 45) })));
  });
});
