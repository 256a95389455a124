import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphFacts, TalkFact } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;

const KEPT: TalkFact = { title: 'Kept talk', speakers: [{ name: 'Ada' }], projects: ['Widget'] };
const DROPPED: TalkFact = { title: 'Dropped talk', speakers: [{ name: 'Ada' }, { name: 'Bob' }], projects: ['Widget'] };

function schedule(talks: TalkFact[]): GraphFacts {
  return {
    communities: [{ slug: 'testcom', name: 'Test community' }],
    projects: [{ slug: 'widget', name: 'Widget' }],
    events: [{ slug: 'conf-1', title: 'Conf 1', community: 'testcom', startsAt: '2025-05-01T09:00:00Z', talks }],
  };
}

/** Writes a document as a sync would: under its URI, with a hash of its content. */
function write(uri: string, facts: GraphFacts) {
  return server.db.transaction((_m, sql) => writeFacts(sql, facts, { uri, contentHash: JSON.stringify(facts) }));
}

async function counts() {
  const data = await server.data(`{
    project(slug: "widget") { talks(first: 10) { totalCount } }
    ada: speaker(name: "Ada") { talks(first: 10) { totalCount } }
    bob: speaker(name: "Bob") { talks(first: 10) { totalCount } }
    event(slug: "conf-1") { talks(first: 10) { totalCount nodes { title speakers { name } } } }
    withdrawn: talks(first: 10, filter: { withdrawn: true }) { totalCount nodes { title withdrawnAt } }
  }`);
  const [tally] = await server.db.query<{ talks: number }>(
    `SELECT pt.talks FROM project_tally pt JOIN project p ON p.id = pt.project_id WHERE p.slug = 'widget'`,
  );
  return {
    project: data.project.talks.totalCount,
    tally: tally?.talks ?? 0,
    ada: data.ada.talks.totalCount,
    bob: data.bob.talks.totalCount,
    event: data.event.talks.totalCount,
    titles: data.event.talks.nodes.map((t: { title: string }) => t.title).sort(),
    withdrawn: data.withdrawn.nodes.map((t: { title: string }) => t.title),
  };
}

beforeAll(async () => {
  server = await startTestServer({ datasets: {} });
});
afterAll(() => server?.close());

describe('talks withdrawn from their source', () => {
  it('leave every count, the project tally included, when their source drops them, and keep their links aside', async () => {
    await write('schedule.json', schedule([KEPT, DROPPED]));
    expect(await counts()).toMatchObject({ project: 2, tally: 2, ada: 2, bob: 1, event: 2, withdrawn: [] });
    const counted = await write('schedule.json', schedule([KEPT]));
    expect(counted.withdrawn).toBe(1);
    expect(await counts()).toEqual({ project: 1, tally: 1, ada: 1, bob: 0, event: 1, titles: ['Kept talk'], withdrawn: ['Dropped talk'] });
    const parked = await server.db.query(
      `SELECT count(*)::int AS n FROM withdrawn_talk_speaker UNION ALL SELECT count(*)::int FROM withdrawn_talk_project`,
    );
    expect(parked).toEqual([{ n: 2 }, { n: 1 }]);
  });

  it('come back in force with their speakers and projects when the source lists them again', async () => {
    const counted = await write('schedule.json', schedule([KEPT, DROPPED]));
    expect(counted.updated.talks).toBe(1);
    expect(await counts()).toMatchObject({ project: 2, tally: 2, ada: 2, bob: 1, event: 2, withdrawn: [] });
    expect(await server.db.query(`SELECT 1 FROM withdrawn_talk_speaker UNION ALL SELECT 1 FROM withdrawn_talk_project`)).toEqual([]);
  });

  it('stay in force while another source still lists them', async () => {
    await write('event-page.md', schedule([DROPPED]));
    const counted = await write('schedule.json', schedule([KEPT]));
    expect(counted.withdrawn).toBe(0);
    expect(await counts()).toMatchObject({ event: 2, withdrawn: [] });
  });

  it('are never talks an editor added by hand', async () => {
    const editorOnly = await server.db.query<{ id: number }>(
      `INSERT INTO talk (event_id, title, title_key, position) SELECT id, 'Added by hand', 'added by hand', 9 FROM event WHERE slug = 'conf-1' RETURNING id`,
    );
    expect(editorOnly).toHaveLength(1);
    await write('schedule.json', schedule([]));
    const after = await counts();
    expect(after.titles).toEqual(['Added by hand', 'Dropped talk']);
    expect(after.withdrawn).toEqual(['Kept talk']);
  });
});
