import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubjects } from '../../../bench/bench-subjects';
import { type BenchSubjects, scenarios } from '../../../bench/scenarios';
import { Role } from '../../../src/graphql/role.enum';
import { Database } from '../../../src/database/database';
import { keyHeaders } from '../../helpers/api-keys';
import { startTestApp, startTestServer, type TestServer } from '../../helpers/test-server';

const CACHE_ON = { RESPONSE_CACHE_MB: '32' };

/** A page in the shape of the community's event pages, invented for this test, about the subject project. */
const importedPage = (project: string) => `---
title: "Cache Meetup #1"
description: "a page imported while answers are cached"
categories: "SOFAMeetup"
date: 2026-06-06T10:00:00+08:00
---

## 活动信息

- 活动时间：06 月 20 日 13:30--17:30
- 活动地点：杭州
- 活动形式：线下活动

- **资料下载**：

  [${project} under writes](https://example.org/files/cache-under-writes.pdf)

## 嘉宾

- 缓存者（花名：缓存），${project} 社区 Committer
`;

/** The bench's subjects, and a second project whose talk page a write may or may not change. */
type Subjects = BenchSubjects & { otherProject: string };

const talksByProject = scenarios.find((s) => s.name === 'talks-by-project')!;

/** The six bench scenarios, and the talk page of the other project (`other-talks`). */
const readScenarios: { name: string; ours: (s: Subjects) => { query: string; variables: Record<string, unknown> } }[] = [
  ...scenarios,
  { name: 'other-talks', ours: (s) => talksByProject.ours({ ...s, project: s.otherProject }) },
];

const TALKS_OF = `query($slug: String!) { project(slug: $slug) { talks(first: 50) { nodes { id title speakers { id } } } } }`;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const rowId = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);

/** What a write is, and which scenarios' answers it must change (so that a stale one would show). */
interface Write {
  name: string;
  changes: string[];
  run(): Promise<void>;
}

/**
 * Reads every scenario from `reader` anonymously (from the cache when it holds the answer) and
 * with an API key (never cached, so the truth now), and says they agree; returns the answers
 * and whether each was a hit.
 */
async function readAll(reader: TestServer, truth: TestServer, key: Record<string, string>, subjects: Subjects, when: string) {
  const answers: Record<string, unknown> = {};
  const cache: Record<string, string | null> = {};
  for (const scenario of readScenarios) {
    const { query, variables } = scenario.ours(subjects);
    const cached = await reader.post(query, variables);
    const fresh = await truth.post(query, variables, key);
    expect(cached.body.errors, `${scenario.name} ${when}`).toBeUndefined();
    expect(cached.body.data, `${scenario.name} ${when}: the cached answer is the fresh one`).toEqual(fresh.body.data);
    answers[scenario.name] = fresh.body.data;
    cache[scenario.name] = cached.headers.get('x-response-cache');
  }
  return { answers, cache };
}

/** Every kind of write the brief names, each changing the answer of at least one scenario. */
async function writesOf(writer: TestServer, key: Record<string, string>, subjects: Subjects): Promise<Write[]> {
  const ok = async (mutation: string, variables: Record<string, unknown>) => {
    const body = await writer.gql(mutation, variables, key);
    expect(body.errors).toBeUndefined();
    const payload = Object.values(body.data as Record<string, { userErrors: unknown[] }>)[0];
    expect(payload.userErrors).toEqual([]);
  };
  const projectTalks = (await writer.data(TALKS_OF, { slug: subjects.project })).project.talks.nodes;
  const [edited, deleted] = projectTalks;
  const moved = edited;
  const [other] = await writer.db.query<{ id: number }>(`SELECT p.id FROM project p WHERE p.slug = $1`, [subjects.otherProject]);
  const speaker = subjects.nodes.find((n) => n.type === 'Speaker')!;
  // A speaker credited on the project's page, merged into someone not on that talk.
  const credited = projectTalks.find((t: { id: string; speakers: { id: string }[] }) => t.id !== moved.id && t.speakers.length > 0);
  const duplicate = rowId(credited.speakers[0].id);
  const [kept] = await writer.db.query<{ id: number }>(
    `SELECT s.id FROM speaker s WHERE s.id <> $1 AND NOT EXISTS (SELECT 1 FROM talk_speaker ts WHERE ts.speaker_id = s.id AND ts.talk_id = $2) ORDER BY s.id LIMIT 1`,
    [duplicate, rowId(credited.id)],
  );
  const event = (await writer.data(`query($slug: String!) { event(slug: $slug) { id startsAt } }`, { slug: subjects.event })).event;
  const link = (verb: 'Link' | 'Unlink', project: string) =>
    ok(`mutation($input: TalkProjectLinkInput!) { talkProject${verb}(input: $input) { userErrors { message } } }`, {
      input: { talk: moved.id, project },
    });
  const [home] = await writer.db.query<{ id: number }>(`SELECT p.id FROM project p WHERE p.slug = $1`, [subjects.project]);
  return [
    {
      name: 'a talk edit',
      changes: ['talks-by-project'],
      run: () =>
        ok(`mutation($id: ID!, $input: TalkUpdateInput!) { talkUpdate(id: $id, input: $input) { userErrors { message } } }`, {
          id: edited.id,
          input: { title: `${edited.title} (edited)` },
        }),
    },
    {
      name: 'a talk moved from one project to another',
      changes: ['talks-by-project', 'other-talks'],
      run: async () => {
        await link('Link', gid('Project', other.id));
        await link('Unlink', gid('Project', home.id));
      },
    },
    {
      name: 'a speaker rename',
      changes: ['node-lookups'],
      run: () =>
        ok(`mutation($id: ID!, $input: SpeakerUpdateInput!) { speakerUpdate(id: $id, input: $input) { userErrors { message } } }`, {
          id: gid('Speaker', speaker.id),
          input: { name: 'Renamed While Cached' },
        }),
    },
    {
      name: 'an event date change',
      changes: ['event-page'],
      run: () =>
        ok(`mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { userErrors { message } } }`, {
          id: event.id,
          input: { startsAt: new Date(Date.parse(event.startsAt) - 3_600_000).toISOString() },
        }),
    },
    {
      name: 'an import',
      changes: ['search'],
      run: () =>
        ok(`mutation($input: EventPageImportInput!) { eventPageImport(input: $input) { userErrors { message } } }`, {
          input: { markdown: importedPage(subjects.project), sourceUrl: 'https://example.org/activities/cache-meetup-1/' },
        }),
    },
    {
      name: 'a speaker merge',
      changes: ['talks-by-project'],
      run: () =>
        ok(`mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { userErrors { message } } }`, {
          input: { duplicate: gid('Speaker', duplicate), speaker: gid('Speaker', kept.id) },
        }),
    },
    {
      name: 'a delete',
      changes: ['talks-by-project', 'project-page'],
      run: () => ok(`mutation($id: ID!) { talkDelete(id: $id) { userErrors { message } } }`, { id: deleted.id }),
    },
  ];
}

/** The bench's subjects, with the search the project's name and, as the other project, the one after it with the most talks. */
async function subjectsOf(server: TestServer): Promise<Subjects> {
  const subjects = await readSubjects(server.db.query);
  const [other] = await server.db.query<{ slug: string }>(
    `SELECT p.slug FROM project p JOIN project_tally pt ON pt.project_id = p.id WHERE p.slug <> $1 ORDER BY pt.talks DESC, p.id LIMIT 1`,
    [subjects.project],
  );
  return { ...subjects, search: subjects.project, otherProject: other.slug };
}

/** Reads, writes and reads again, for every write: never a stale answer on `reader`, and every write seen. */
async function neverStale(reader: TestServer, writer: TestServer, key: Record<string, string>) {
  const subjects = await subjectsOf(writer);
  await readAll(reader, writer, key, subjects, 'at first');
  const warm = await readAll(reader, writer, key, subjects, 'when warm');
  expect(Object.values(warm.cache)).toEqual(readScenarios.map(() => 'HIT'));
  let before = warm.answers;
  for (const write of await writesOf(writer, key, subjects)) {
    await write.run();
    const after = await waitForChange(reader, writer, key, subjects, write, before);
    for (const name of write.changes) expect(after[name], `${write.name} changes ${name}`).not.toEqual(before[name]);
    before = after;
  }
}

/**
 * Reads all scenarios once the write's change shows: on the writer at once; on another instance
 * the change arrives as a notification after the commit, until when the old answer may be served.
 */
async function waitForChange(
  reader: TestServer,
  writer: TestServer,
  key: Record<string, string>,
  subjects: Subjects,
  write: Write,
  before: Record<string, unknown>,
) {
  const read = (name: string) => async () => {
    const { query, variables } = readScenarios.find((s) => s.name === name)!.ours(subjects);
    return (await reader.post(query, variables)).body.data;
  };
  if (reader !== writer)
    for (const name of write.changes) await expect.poll(read(name), { timeout: 5000, interval: 20 }).not.toEqual(before[name]);
  return (await readAll(reader, writer, key, subjects, `after ${write.name}`)).answers;
}

/** Edits the title of a talk of `project` through `writer`. */
async function editTalkOf(writer: TestServer, editor: Record<string, string>, project: string) {
  const [talk] = (await writer.data(TALKS_OF, { slug: project })).project.talks.nodes;
  const body = await writer.gql(
    `mutation($id: ID!, $input: TalkUpdateInput!) { talkUpdate(id: $id, input: $input) { userErrors { message } } }`,
    { id: talk.id, input: { title: `${talk.title} (edited in ${project})` } },
    editor,
  );
  expect(body.data.talkUpdate.userErrors).toEqual([]);
}

/** Reads a project's talk page from `reader` twice, so that the second is a hit. */
async function cacheTalksOf(reader: TestServer, project: string) {
  const { query, variables } = talksByProject.ours({ project } as BenchSubjects);
  await reader.post(query, variables);
  expect((await reader.post(query, variables)).headers.get('x-response-cache')).toBe('HIT');
  return async () => {
    const answer = await reader.post(query, variables);
    return { cache: answer.headers.get('x-response-cache'), talks: answer.body.data.project.talks.nodes };
  };
}

/** Inserts 10,000 talks of the first event in one statement: more keys than a change names. */
const HOSTILE_WRITE = `INSERT INTO talk (event_id, title, title_key)
  SELECT (SELECT min(id) FROM event), 'bulk ' || g, 'bulk ' || g FROM generate_series(1, 10000) g`;

for (const mode of ['tables', 'keys'] as const)
  describe(`the response cache under writes, one instance, RESPONSE_CACHE_INVALIDATION=${mode}`, () => {
    let server: TestServer;
    let editor: Record<string, string>;
    beforeAll(async () => {
      server = await startTestServer({ env: { ...CACHE_ON, RESPONSE_CACHE_INVALIDATION: mode } });
      editor = await keyHeaders(server, Role.EDITOR);
    });
    afterAll(() => server?.close());

    it('never answers a scenario stale after any kind of write', async () => {
      await neverStale(server, server, editor);
    });

    it("keeps the coverage series when a talk's title is edited: the answer stays a hit, no SQL", async () => {
      const coverage = scenarios.find((s) => s.name === 'coverage-series')!.ours({} as BenchSubjects);
      await server.post(coverage.query, coverage.variables);
      expect((await server.post(coverage.query, coverage.variables)).headers.get('x-response-cache')).toBe('HIT');
      const [talk] = await server.db.query<{ id: number; title: string }>(`SELECT id, title FROM talk ORDER BY id LIMIT 1`);
      const id = Buffer.from(`Talk:${talk.id}`).toString('base64url');
      const body = await server.gql(
        `mutation($id: ID!, $input: TalkUpdateInput!) { talkUpdate(id: $id, input: $input) { userErrors { message } } }`,
        { id, input: { title: `${talk.title} (retitled)` } },
        editor,
      );
      expect(body.data.talkUpdate.userErrors).toEqual([]);
      const again = await server.post(coverage.query, coverage.variables);
      expect(again.headers.get('x-response-cache')).toBe('HIT');
      expect(again.body.extensions?.sqlStatements).toBe(0);
      // And the talk itself is read anew.
      expect((await server.data(`query($id: ID!) { node(id: $id) { ... on Talk { title } } }`, { id })).node.title).toBe(
        `${talk.title} (retitled)`,
      );
    });

    it.runIf(mode === 'keys')("keeps another project's cached talk page a hit when a talk of the project is edited", async () => {
      const { project, otherProject } = await subjectsOf(server);
      const mine = await cacheTalksOf(server, project);
      const other = await cacheTalksOf(server, otherProject);
      await editTalkOf(server, editor, project);
      expect((await mine()).cache).toBe('MISS');
      expect((await mine()).talks[0].title).toMatch(/\(edited in /);
      expect((await other()).cache).toBe('HIT');
    });

    it('forgets the talk pages of every project on a write that names more keys than a change keeps', async () => {
      const { otherProject } = await subjectsOf(server);
      const other = await cacheTalksOf(server, otherProject);
      const started = Date.now();
      await server.db.transaction(async (_manager, sql) => sql(HOSTILE_WRITE));
      expect(Date.now() - started).toBeLessThan(20_000);
      expect((await other()).cache).toBe('MISS');
      await server.db.transaction(async (_manager, sql) => {
        // The bulk talks have no links or cards; without triggers the delete is one statement, not two per talk.
        await sql(`SET LOCAL session_replication_role = replica`);
        await sql(`DELETE FROM talk WHERE title LIKE 'bulk %'`);
      });
    });

    it('forgets every answer on a notification that cannot say what changed', async () => {
      const coverage = scenarios.find((s) => s.name === 'coverage-series')!.ours({} as BenchSubjects);
      await server.post(coverage.query, coverage.variables);
      expect((await server.post(coverage.query, coverage.variables)).headers.get('x-response-cache')).toBe('HIT');
      // A NOTIFY whose payload is no table name (hand-made, or too big to describe a change) forgets all.
      await server.db.query(`SELECT pg_notify('eventgraph_changes', 'several tables: ' || repeat('x', 7000))`);
      await expect
        .poll(async () => (await server.post(coverage.query, coverage.variables)).headers.get('x-response-cache'), {
          timeout: 5000,
          interval: 20,
        })
        .toBe('MISS');
    });
  });

// Two instances on one database need PostgreSQL.
for (const mode of ['tables', 'keys'] as const)
  describe.skipIf(!process.env.TEST_DATABASE_URL)(
    `the response cache under writes, two instances (PostgreSQL), RESPONSE_CACHE_INVALIDATION=${mode}`,
    () => {
      let a: TestServer;
      let b: TestServer;
      let bDatabase: Database;
      let editor: Record<string, string>;
      beforeAll(async () => {
        const env = { ...CACHE_ON, RESPONSE_CACHE_INVALIDATION: mode };
        a = await startTestServer({ env });
        bDatabase = await Database.connect({ kind: 'postgres', url: a.databaseUrl!, poolSize: 2 });
        b = await startTestApp(bDatabase, 'postgres', a.databaseUrl, env);
        editor = await keyHeaders(a, Role.EDITOR);
      });
      afterAll(async () => {
        await b?.close();
        await bDatabase?.close();
        await a?.close();
      });

      it('never answers a scenario stale on B after any kind of write through A, once the notification arrived', async () => {
        await neverStale(b, a, editor);
      });

      it.runIf(mode === 'keys')("keeps another project's talk page a hit on B when a talk of the project is edited through A", async () => {
        const { project, otherProject } = await subjectsOf(a);
        const mine = await cacheTalksOf(b, project);
        const other = await cacheTalksOf(b, otherProject);
        await editTalkOf(a, editor, project);
        await expect.poll(async () => (await mine()).talks[0].title, { timeout: 5000, interval: 20 }).toMatch(/\(edited in /);
        expect((await other()).cache).toBe('HIT');
      });

      it('forgets on B the talk pages of every project on a write through A that names more keys than a change keeps', async () => {
        const { otherProject } = await subjectsOf(a);
        const other = await cacheTalksOf(b, otherProject);
        await a.db.transaction(async (_manager, sql) => sql(HOSTILE_WRITE));
        await expect.poll(async () => (await other()).cache, { timeout: 5000, interval: 20 }).toBe('MISS');
      });
    },
  );

describe('the response cache with RESPONSE_CACHE_INVALIDATION=all', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...CACHE_ON, RESPONSE_CACHE_INVALIDATION: 'all' } });
  });
  afterAll(() => server?.close());

  it("forgets the coverage series on a talk's title edit, as every answer on every change", async () => {
    const coverage = scenarios.find((s) => s.name === 'coverage-series')!.ours({} as BenchSubjects);
    await server.post(coverage.query, coverage.variables);
    expect((await server.post(coverage.query, coverage.variables)).headers.get('x-response-cache')).toBe('HIT');
    await server.db.transaction(async (_manager, sql) =>
      sql(`UPDATE talk SET title = title || ' (retitled)' WHERE id = (SELECT min(id) FROM talk)`),
    );
    expect((await server.post(coverage.query, coverage.variables)).headers.get('x-response-cache')).toBe('MISS');
  });
});
