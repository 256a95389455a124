import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInDataset } from '../../src/dataset/seed';
import { keyHeaders } from '../helpers/api-keys';
import { concurrentWriters, type Transaction } from '../helpers/concurrent-writers';
import { cardDrift } from '../helpers/kept-on-write';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Migration TalkCards keeps each talk's credits and projects as JSON, rewritten by triggers on
// every write that changes what they show. These tests write every way a card can change,
// directly and through the API, and after each compare every card with the same JSON computed
// from the source tables; then they check that a page of talks reads the cards and answers as
// the joins do.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasets: builtInDataset });
}, 120_000);
afterAll(() => server?.close());

const sql = <T = any>(text: string, values: readonly unknown[] = []) => server.db.query<T>(text, values);

/** A talk with at least `speakers` speakers and a project, from the seeded data. */
async function busyTalk(offset = 0, speakers = 2): Promise<number> {
  const [row] = await sql(
    `SELECT t.id FROM talk t WHERE (SELECT count(*) FROM talk_speaker ts WHERE ts.talk_id = t.id) >= $2 AND EXISTS (SELECT 1 FROM talk_project tp WHERE tp.talk_id = t.id)
     ORDER BY t.id OFFSET $1 LIMIT 1`,
    [offset, speakers],
  );
  expect(row, `the built-in dataset has talks with ${speakers} speakers and a project`).toBeDefined();
  return row.id;
}

/** The transaction that last wrote each card, to tell a card rewritten from one left alone. */
const writers = async () =>
  new Map((await sql<{ talk_id: number; xmin: string }>(`SELECT talk_id, xmin::text FROM talk_card`)).map((r) => [r.talk_id, r.xmin]));

describe(`talk cards (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('hold the credits and projects of every talk of the seeded graph', async () => {
    expect(await cardDrift(sql)).toBe(0);
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM talk_card WHERE credits::jsonb <> '[]' AND projects::jsonb <> '[]'`,
    );
    expect(n).toBeGreaterThan(10);
  });

  it('answer a page of talks as the joins do, and are what the page reads when they hold what it asks', async () => {
    // The project with the most talks given by more than one speaker.
    const [top] = await sql(
      `SELECT p.slug FROM project p JOIN talk_project tp ON tp.project_id = p.id WHERE (SELECT count(*) FROM talk_speaker ts WHERE ts.talk_id = tp.talk_id) > 1
       GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
    );
    const page = (speaker: string, project: string) => `query($slug: String!) { project(slug: $slug) { talks(first: 40) { nodes {
      id speakers { ${speaker} } credits { role speaker { ${speaker} } } projects { ${project} } } } } }`;
    // `bio` and `description` are not on the cards: the second query joins the credits and links.
    const fromCards = await server.data(page('id name alias', 'id slug name'), { slug: top.slug });
    const joined = await server.data(page('id name alias bio', 'id slug name description'), { slug: top.slug });
    const strip = (data: any) =>
      data.project.talks.nodes.map((t: any) => ({
        id: t.id,
        speakers: t.speakers.map(({ id, name, alias }: any) => ({ id, name, alias })),
        credits: t.credits.map(({ role, speaker: { id, name, alias } }: any) => ({ role, speaker: { id, name, alias } })),
        projects: t.projects.map(({ id, slug, name }: any) => ({ id, slug, name })),
      }));
    expect(fromCards.project.talks.nodes.length).toBeGreaterThan(1);
    expect(fromCards.project.talks.nodes.some((t: any) => t.speakers.length > 1 && t.projects.length > 0)).toBe(true);
    expect(strip(fromCards)).toEqual(strip(joined));

    // A card written by hand shows in the first query and not in the second: the first reads it.
    const first = fromCards.project.talks.nodes[0];
    const [{ id }] = await sql(
      `SELECT tp.talk_id AS id FROM talk_project tp JOIN project p ON p.id = tp.project_id WHERE p.slug = $1 ORDER BY tp.talk_date_key DESC, tp.talk_position DESC, tp.talk_id DESC LIMIT 1`,
      [top.slug],
    );
    expect(first.id).toBe(Buffer.from(`Talk:${id}`).toString('base64url'));
    await sql(`UPDATE talk_card SET projects = '[]' WHERE talk_id = $1`, [id]);
    expect((await server.data(page('id name alias', 'id slug name'), { slug: top.slug })).project.talks.nodes[0].projects).toEqual([]);
    const stillJoined = await server.data(page('id name alias', 'id slug name description'), { slug: top.slug });
    expect(stillJoined.project.talks.nodes[0].projects.map(({ id, slug, name }: any) => ({ id, slug, name }))).toEqual(first.projects);
    await sql(`SELECT talk_cards_write(ARRAY[$1::int])`, [id]);
    expect(await cardDrift(sql)).toBe(0);
  });

  it('follow links added, removed, moved and reordered, and leave alone the cards of talks whose links did not change what they show', async () => {
    // Chosen up front: the writes below take speakers and projects off the first two.
    const [talk, other, third] = [await busyTalk(0), await busyTalk(1), await busyTalk(2)];
    const [project] = await sql(
      `SELECT id FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = $1 AND project_id = p.id) ORDER BY id LIMIT 1`,
      [talk],
    );
    await sql(`INSERT INTO talk_project (talk_id, project_id) VALUES ($1, $2)`, [talk, project.id]);
    expect(await cardDrift(sql)).toBe(0);
    await sql(
      `INSERT INTO talk_project (talk_id, project_id) SELECT $1, p.id FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = $1 AND project_id = p.id)`,
      [talk],
    );
    expect(await cardDrift(sql)).toBe(0);
    await sql(`DELETE FROM talk_project WHERE talk_id = $1 AND project_id <> $2`, [talk, project.id]);
    expect(await cardDrift(sql)).toBe(0);
    await sql(
      `UPDATE talk_project SET talk_id = $2 WHERE talk_id = $1 AND project_id = $3 AND NOT EXISTS (SELECT 1 FROM talk_project WHERE talk_id = $2 AND project_id = $3)`,
      [talk, other, project.id],
    );
    expect(await cardDrift(sql)).toBe(0);
    // The first speaker becomes the last, with another role: the credits' order and roles change.
    await sql(
      `UPDATE talk_speaker SET position = position + 100, role = 'HOST' WHERE talk_id = $1 AND position = (SELECT min(position) FROM talk_speaker WHERE talk_id = $1)`,
      [other],
    );
    expect(await cardDrift(sql)).toBe(0);
    const [speaker] = await sql(
      `SELECT id FROM speaker s WHERE NOT EXISTS (SELECT 1 FROM talk_speaker WHERE talk_id = $1 AND speaker_id = s.id) ORDER BY id LIMIT 1`,
      [talk],
    );
    await sql(`INSERT INTO talk_speaker (talk_id, speaker_id, position) VALUES ($1, $2, 0)`, [talk, speaker.id]);
    expect(await cardDrift(sql)).toBe(0);
    await sql(`DELETE FROM talk_speaker WHERE talk_id = $1`, [talk]);
    expect(await cardDrift(sql)).toBe(0);

    // A new slot is copied onto the talk's links (their date keys), which changes nothing a card shows.
    const before = await writers();
    await sql(`UPDATE talk SET starts_at = '2031-12-31T23:30:00Z' WHERE id = $1`, [third]);
    const [{ copied }] = await sql(
      `SELECT count(*)::int AS copied FROM talk_speaker WHERE talk_id = $1 AND talk_date_key = '2031-12-31T23:30:00Z'`,
      [third],
    );
    expect(copied).toBeGreaterThan(0);
    expect(await writers()).toEqual(before);
    expect(await cardDrift(sql)).toBe(0);
  });

  it("follow a speaker's new name and alias and a project's new name, slug and community, and nothing else of them", async () => {
    const [speaker] = await sql(`SELECT speaker_id AS id FROM talk_speaker GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    await sql(`UPDATE speaker SET name = name || ' (renamed)' WHERE id = $1`, [speaker.id]);
    expect(await cardDrift(sql)).toBe(0);
    await sql(`UPDATE speaker SET alias = 'a new alias' WHERE id = $1`, [speaker.id]);
    expect(await cardDrift(sql)).toBe(0);
    const [project] = await sql(`SELECT project_id AS id FROM talk_project GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    // A name that sorts first moves the project to the front of every talk's list.
    await sql(`UPDATE project SET name = 'AAA ' || name WHERE id = $1`, [project.id]);
    expect(await cardDrift(sql)).toBe(0);
    await sql(`UPDATE project SET slug = slug || '-renamed' WHERE id = $1`, [project.id]);
    expect(await cardDrift(sql)).toBe(0);
    const [community] = await sql(`SELECT id FROM community ORDER BY id LIMIT 1`);
    await sql(`UPDATE project SET community_id = NULL WHERE id = $1`, [project.id]);
    expect(await cardDrift(sql)).toBe(0);
    await sql(`UPDATE project SET community_id = $2 WHERE id = $1`, [project.id, community.id]);
    expect(await cardDrift(sql)).toBe(0);
    // A biography or a description is not on any card: no card is rewritten.
    const before = await writers();
    await sql(`UPDATE speaker SET bio = 'Writes software.' WHERE id = $1`, [speaker.id]);
    await sql(`UPDATE project SET description = 'Does things.', updated_at = now() WHERE id = $1`, [project.id]);
    expect(await writers()).toEqual(before);
  });

  it('lose the cards of a deleted talk and event, and the credits and projects of a deleted speaker and project', async () => {
    const talk = await busyTalk(0, 1);
    await sql(`DELETE FROM talk WHERE id = $1`, [talk]);
    expect(await sql(`SELECT 1 FROM talk_card WHERE talk_id = $1`, [talk])).toEqual([]);
    expect(await cardDrift(sql)).toBe(0);
    const [event] = await sql(`SELECT event_id AS id FROM talk GROUP BY event_id ORDER BY count(*) DESC LIMIT 1`);
    await sql(`DELETE FROM event WHERE id = $1`, [event.id]);
    expect(await cardDrift(sql)).toBe(0);
    const [speaker] = await sql(`SELECT speaker_id AS id FROM talk_speaker GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1`);
    await sql(`DELETE FROM speaker WHERE id = $1`, [speaker.id]);
    expect(await cardDrift(sql)).toBe(0);
    const [project] = await sql(`SELECT project_id AS id FROM talk_project GROUP BY project_id ORDER BY count(*) DESC LIMIT 1`);
    await sql(`DELETE FROM project WHERE id = $1`, [project.id]);
    expect(await cardDrift(sql)).toBe(0);
  });

  it('follow the mutations: links, a speaker and a project updated, two speakers merged', async () => {
    const headers = await keyHeaders(server);
    const call = (query: string, variables: Record<string, unknown>) => server.data(query, variables, headers);
    const data = await server.data(
      `{ talks(first: 2) { nodes { id } } projects(first: 50) { nodes { id } } speakers(first: 2) { nodes { id } } }`,
    );
    const [talk, second] = data.talks.nodes;
    const project = data.projects.nodes.at(-1).id;
    expect(
      await call(`mutation($input: TalkProjectLinkInput!) { talkProjectLink(input: $input) { userErrors { message } } }`, {
        input: { talk: talk.id, project },
      }),
    ).toEqual({
      talkProjectLink: { userErrors: [] },
    });
    expect(await cardDrift(sql)).toBe(0);
    const [kept, duplicate] = data.speakers.nodes;
    await call(`mutation($input: TalkSpeakerLinkInput!) { talkSpeakerLink(input: $input) { userErrors { message } } }`, {
      input: { talk: second.id, speaker: duplicate.id },
    });
    expect(await cardDrift(sql)).toBe(0);
    expect(
      await call(`mutation($id: ID!) { speakerUpdate(id: $id, input: { alias: "小明" }) { userErrors { message } } }`, {
        id: duplicate.id,
      }),
    ).toEqual({
      speakerUpdate: { userErrors: [] },
    });
    expect(await cardDrift(sql)).toBe(0);
    expect(
      await call(`mutation($id: ID!) { projectUpdate(id: $id, input: { name: "Zeta Renamed" }) { userErrors { message } } }`, {
        id: project,
      }),
    ).toEqual({
      projectUpdate: { userErrors: [] },
    });
    expect(await cardDrift(sql)).toBe(0);
    const merged = await call(`mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { userErrors { message } } }`, {
      input: { speaker: kept.id, duplicate: duplicate.id },
    });
    expect(merged).toEqual({ speakerMerge: { userErrors: [] } });
    expect(await cardDrift(sql)).toBe(0);
  });

  it('are rewritten when a link table is truncated', async () => {
    await server.db.transaction(async (_manager, tx) => {
      const saved = await tx(`SELECT talk_id, speaker_id, role, position FROM talk_speaker`);
      await tx(`TRUNCATE talk_speaker`);
      const [{ n }] = await tx<{ n: number }>(`SELECT count(*)::int AS n FROM talk_card WHERE credits::jsonb <> '[]'`);
      expect(n).toBe(0);
      await tx(
        `INSERT INTO talk_speaker (talk_id, speaker_id, role, position) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(talk_id int, speaker_id int, role text, position int)`,
        [JSON.stringify(saved)],
      );
    });
    expect(await cardDrift(sql)).toBe(0);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('talk cards under concurrent writers (postgres)', () => {
  it('show the last name of every speaker and project when renames and links are written at once', async () => {
    const talks = (await sql<{ id: number }>(`SELECT id FROM talk ORDER BY id LIMIT 3`)).map((t) => t.id);
    const projects = (await sql<{ id: number }>(`SELECT id FROM project ORDER BY id LIMIT 4`)).map((p) => p.id);
    const speakers = (await sql<{ id: number }>(`SELECT id FROM speaker ORDER BY id LIMIT 4`)).map((s) => s.id);
    // Three writers link and unlink the same speakers and projects to the same talks while three
    // others rename those speakers and projects. Without turns, a link written while a rename was
    // in flight could keep the old name on its card (and they deadlocked: the test saw both).
    const { committed, failures } = await concurrentWriters(server.databaseUrl!, 6, 20, (w, round): Transaction => {
      const talk = talks[(w + round) % talks.length];
      const project = projects[(w + round) % projects.length];
      const speaker = speakers[(w * 3 + round) % speakers.length];
      if (w % 2) {
        return [
          [`UPDATE speaker SET alias = $2 WHERE id = $1`, [speaker, `alias ${w}.${round}`]],
          [`UPDATE project SET name = $2 WHERE id = $1`, [project, `Project ${w}.${round}`]],
        ];
      }
      return round % 3 === 0
        ? [
            [`DELETE FROM talk_speaker WHERE talk_id = $1 AND speaker_id = $2`, [talk, speaker]],
            [`DELETE FROM talk_project WHERE talk_id = $1 AND project_id = $2`, [talk, project]],
          ]
        : [
            [`INSERT INTO talk_speaker (talk_id, speaker_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [talk, speaker]],
            [`INSERT INTO talk_project (talk_id, project_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [talk, project]],
          ];
    });
    expect(failures).toEqual([]);
    expect(committed).toBe(120);
    expect(await cardDrift(sql)).toBe(0);
  }, 60_000);
});
