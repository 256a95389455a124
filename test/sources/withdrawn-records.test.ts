import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import type { GraphFacts, TalkFact } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { listSources, registerSource } from '../../src/sources/source-registry';
import { syncSource } from '../../src/sources/sync-source';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
// An empty registered folder: a document recorded under it and not found there has vanished.
const folder = realpathSync(mkdtempSync(join(tmpdir(), 'eventgraph-withdrawn-')));

const KEPT: TalkFact = { title: 'Kept talk', speakers: [{ name: 'Ada' }], projects: ['Widget'] };
const DROPPED: TalkFact = { title: 'Dropped talk', speakers: [{ name: 'Bob' }], projects: ['Widget'] };

/** A schedule of one event; Bob holds a role in the project besides his talk. */
function schedule(slug: string, talks: TalkFact[]): GraphFacts {
  return {
    communities: [{ slug: 'testcom', name: 'Test community' }],
    projects: [{ slug: 'widget', name: 'Widget' }],
    events: [
      {
        slug,
        title: `Conf ${slug}`,
        community: 'testcom',
        startsAt: '2025-05-01T09:00:00Z',
        format: 'ONLINE',
        speakers: talks.some((t) => t === DROPPED) ? [{ name: 'Bob', projects: [{ project: 'widget', role: 'maintainer' }] }] : [],
        talks,
      },
    ],
  };
}

function write(uri: string, facts: GraphFacts) {
  return server.db.transaction((_m, sql) => writeFacts(sql, facts, { uri, contentHash: JSON.stringify(facts) }));
}

const SEEN = `{
  events(first: 10) { totalCount nodes { slug } }
  speakers(first: 10) { totalCount nodes { name } }
  community(slug: "testcom") { events(first: 10) { totalCount } }
  project(slug: "widget") { speakers(first: 10) { totalCount nodes { name } } }
  search(query: "Conf", first: 10) { totalCount }
  bob: search(query: "Bob", first: 10) { totalCount }
  analytics { eventsPerYear(by: FORMAT) { events } dataQuality { events speakers } }
}`;
const WITHDRAWN = `{
  events(first: 10, filter: { withdrawn: true }) { nodes { slug withdrawnAt } }
  speakers(first: 10, filter: { withdrawn: true }) { nodes { name withdrawnAt } }
}`;

/** What readers see: lists, counts, search and analytics, the project's people tally included. */
async function seen() {
  const data = await server.data(SEEN);
  const [tally] = await server.db.query<{ people: number }>(
    `SELECT pt.people FROM project_tally pt JOIN project p ON p.id = pt.project_id WHERE p.slug = 'widget'`,
  );
  return {
    events: data.events.nodes.map((n: { slug: string }) => n.slug).sort(),
    speakers: data.speakers.nodes.map((n: { name: string }) => n.name).sort(),
    communityEvents: data.community.events.totalCount,
    projectPeople: data.project.speakers.nodes.map((n: { name: string }) => n.name).sort(),
    peopleTally: tally?.people ?? 0,
    foundEvents: data.search.totalCount,
    foundBob: data.bob.totalCount,
    eventsPerYear: data.analytics.eventsPerYear.reduce((sum: number, row: { events: number }) => sum + row.events, 0),
    quality: data.analytics.dataQuality,
  };
}

async function withdrawn() {
  const data = await server.data(WITHDRAWN, {}, editor);
  return {
    events: data.events.nodes.map((n: { slug: string; withdrawnAt: string }) => [n.slug, typeof n.withdrawnAt]).sort(),
    speakers: data.speakers.nodes.map((n: { name: string; withdrawnAt: string }) => [n.name, typeof n.withdrawnAt]).sort(),
  };
}

async function syncFolder() {
  const [source] = await listSources(server.db.query);
  return syncSource(server.db, source, [folder]);
}

beforeAll(async () => {
  server = await startTestServer({ datasets: {} });
  editor = await keyHeaders(server, Role.EDITOR, 'reviewer');
  await write('other.json', { communities: [{ slug: 'testcom', name: 'Test community' }] });
  const [community] = await server.db.query<{ id: number }>(`SELECT id FROM community WHERE slug = 'testcom'`);
  await server.db.transaction((_m, sql) =>
    registerSource(
      sql,
      { kind: 'auto', location: folder, communityId: community.id, timeZone: 'UTC', licence: 'CC0-1.0' },
      { cwd: folder, roots: [folder] },
    ),
  );
});
afterAll(() => server?.close());

describe('events and speakers withdrawn from their sources', () => {
  it('withdraw a person whose only talk the schedule dropped, setting their project role aside, and bring them back with it', async () => {
    await write(`${folder}/conf-1.json`, schedule('conf-1', [KEPT, DROPPED]));
    expect(await seen()).toMatchObject({ speakers: ['Ada', 'Bob'], projectPeople: ['Ada', 'Bob'], peopleTally: 2, foundBob: 1 });
    const dropped = await write(`${folder}/conf-1.json`, schedule('conf-1', [KEPT]));
    expect(dropped).toMatchObject({ withdrawn: 1, updated: { speakers: 1 } });
    expect(await seen()).toMatchObject({
      events: ['conf-1'],
      speakers: ['Ada'],
      projectPeople: ['Ada'],
      peopleTally: 1,
      foundBob: 0,
      quality: { events: 1, speakers: 1 },
    });
    expect(await withdrawn()).toEqual({ events: [], speakers: [['Bob', 'string']] });
    expect(await server.db.query(`SELECT role FROM withdrawn_speaker_project`)).toEqual([{ role: 'maintainer' }]);

    await write(`${folder}/conf-1.json`, schedule('conf-1', [KEPT, DROPPED]));
    expect(await seen()).toMatchObject({ speakers: ['Ada', 'Bob'], projectPeople: ['Ada', 'Bob'], peopleTally: 2, foundBob: 1 });
    expect(await withdrawn()).toEqual({ events: [], speakers: [] });
    expect(await server.db.query(`SELECT role FROM speaker_project`)).toEqual([{ role: 'maintainer' }]);
  });

  it('keep an event its schedule still lists with no talk left', async () => {
    await write(`${folder}/conf-1.json`, schedule('conf-1', []));
    expect(await seen()).toMatchObject({ events: ['conf-1'], speakers: [], communityEvents: 1 });
    expect(await withdrawn()).toMatchObject({ events: [] });
    await write(`${folder}/conf-1.json`, schedule('conf-1', [KEPT, DROPPED]));
  });

  it('withdraw an event and its people when the one document that gave them is gone, out of every list, count, search and feed', async () => {
    await write(`${folder}/conf-2.json`, schedule('conf-2', [{ title: 'Only talk', speakers: [{ name: 'Cy' }], projects: ['Widget'] }]));
    expect(await seen()).toMatchObject({ events: ['conf-1', 'conf-2'], speakers: ['Ada', 'Bob', 'Cy'], eventsPerYear: 2 });
    // Neither document is in the registered folder: both have vanished from it.
    const sync = await syncFolder();
    expect(sync).toMatchObject({ error: null, withdrawn: 3, updated: 5 });
    expect(await seen()).toEqual({
      events: [],
      speakers: [],
      communityEvents: 0,
      projectPeople: [],
      peopleTally: 0,
      foundEvents: 0,
      foundBob: 0,
      eventsPerYear: 0,
      quality: expect.objectContaining({ events: 0, speakers: 0 }),
    });
    expect(await withdrawn()).toEqual({
      events: [
        ['conf-1', 'string'],
        ['conf-2', 'string'],
      ],
      speakers: [
        ['Ada', 'string'],
        ['Bob', 'string'],
        ['Cy', 'string'],
      ],
    });
    const feed = await (await fetch(`${server.url}/events.ics`)).text();
    expect(feed).not.toMatch(/Conf conf-/);
    // Editors still reach each by its key.
    expect((await server.data(`{ event(slug: "conf-2") { slug withdrawnAt } }`, {}, editor)).event.slug).toBe('conf-2');
  });

  it('bring an event and its people back when a document gives them again; a sync that finds it gone again withdraws it, the next writes nothing', async () => {
    await write(`${folder}/conf-2.json`, schedule('conf-2', [{ title: 'Only talk', speakers: [{ name: 'Cy' }], projects: ['Widget'] }]));
    expect(await seen()).toMatchObject({ events: ['conf-2'], speakers: ['Cy'], projectPeople: ['Cy'], eventsPerYear: 1 });
    expect(await withdrawn()).toMatchObject({ events: [['conf-1', 'string']] });
    expect(await syncFolder()).toMatchObject({ withdrawn: 1, updated: 2 });
    expect(await seen()).toMatchObject({ events: [], speakers: [] });
    const unchanged = await syncFolder();
    expect(unchanged).toMatchObject({ withdrawn: 0, updated: 0, rowsWritten: 0 });
  });

  it('never withdraw an event an editor gave a talk of its own', async () => {
    await write(`${folder}/conf-3.json`, schedule('conf-3', [KEPT]));
    await server.db.query(
      `INSERT INTO talk (event_id, title, title_key, position) SELECT id, 'Added by hand', 'added by hand', 9 FROM event WHERE slug = 'conf-3'`,
    );
    await syncFolder();
    expect((await seen()).events).toContain('conf-3');
  });

  it("keep a withdrawn person's set-aside roles when an editor merges them into another, and give them back on unmerge", async () => {
    const ids = await server.data(WITHDRAWN, {}, editor);
    expect(ids.speakers.nodes.map((n: { name: string }) => n.name)).toContain('Bob');
    // Both are withdrawn by now: the last sync found conf-3.json gone too.
    const ada = await server.data(`{ speaker(name: "Ada") { id withdrawnAt } }`, {}, editor);
    expect(ada.speaker.withdrawnAt).toEqual(expect.any(String));
    const bob = await server.data(`{ speaker(name: "Bob") { id } }`, {}, editor);
    const merged = await server.data(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { speaker { name withdrawnAt projectRoles { role } merges { id } } userErrors { code } } }`,
      { input: { speaker: ada.speaker.id, duplicate: bob.speaker.id } },
      editor,
    );
    expect(merged.speakerMerge).toMatchObject({
      speaker: { name: 'Ada', withdrawnAt: null, projectRoles: [{ role: 'maintainer' }] },
      userErrors: [],
    });
    const undone = await server.data(
      `mutation($input: SpeakerUnmergeInput!) { speakerUnmerge(input: $input) { speaker { name } userErrors { code } } }`,
      { input: { merge: merged.speakerMerge.speaker.merges[0].id } },
      editor,
    );
    expect(undone.speakerUnmerge.userErrors).toEqual([]);
    const back = await server.data(`{ speaker(name: "Bob") { projectRoles { role } } }`, {}, editor);
    expect(back.speaker.projectRoles).toEqual([{ role: 'maintainer' }]);
  });
});
