import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourcesCommand } from '../../src/cli/sources-command';
import { syncCommand } from '../../src/cli/sync-command';
import { CORPUS_MISSING, corpusPath, hasCorpus } from '../helpers/corpus';
import { Role } from '../../src/graphql/role.enum';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

if (!hasCorpus) console.warn(CORPUS_MISSING);

const SAMPLE = 'schedules/c3voc/pretalx-democon.json';
// Curtis Andrews gives five talks of the sample; this one is dropped from a copy of it.
const DROPPED = 'Triple-buffered methodical superstructure';

let server: TestServer;
const folder = mkdtempSync(join(tmpdir(), 'eventgraph-sync-'));
const copy = join(folder, 'democon.json');

/** The sample without one talk, as a schedule that dropped it would be published. */
function sampleWithout(title: string): string {
  const schedule = JSON.parse(readFileSync(corpusPath(SAMPLE), 'utf8'));
  for (const day of schedule.schedule.conference.days) {
    for (const room of Object.keys(day.rooms)) day.rooms[room] = day.rooms[room].filter((talk: { title: string }) => talk.title !== title);
  }
  return JSON.stringify(schedule, null, 2);
}

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: folder } };
};

async function sync(...argv: string[]) {
  const { out, err, io: streams } = io();
  const result = await syncCommand(server.db, argv, streams, { isTTY: false } as NodeJS.WriteStream);
  return { ...result, out: out.join('\n'), err: err.join('\n') };
}

/** Every row's version in the tables a sync writes facts to: equal before and after means no row was written. */
async function rowVersions(): Promise<Record<string, string[]>> {
  const tables = [
    'community',
    'project',
    'event',
    'talk',
    'speaker',
    'talk_speaker',
    'talk_project',
    'speaker_project',
    'source',
    'record_source',
    'external_id',
    'withdrawn_talk_speaker',
  ];
  const versions: Record<string, string[]> = {};
  for (const table of tables)
    versions[table] = (await server.db.query<{ v: string }>(`SELECT xmin::text AS v FROM ${table} ORDER BY xmin::text`)).map((r) => r.v);
  return versions;
}

const COUNTS = `{
  event(slug: "democon") { talks(first: 1) { totalCount } }
  talks(first: 1) { totalCount }
  speaker(name: "Curtis Andrews") { talks(first: 10) { totalCount nodes { title } } }
  withdrawn: talks(first: 10, filter: { withdrawn: true }) { nodes { title withdrawnAt speakers { name } withdrawnCredits { role speaker { name } } } }
  search(query: "Triple-buffered", first: 5) { totalCount }
}`;

async function counts() {
  const data = await server.data(COUNTS);
  return {
    eventTalks: data.event.talks.totalCount,
    talks: data.talks.totalCount,
    curtis: data.speaker.talks.totalCount,
    curtisTitles: data.speaker.talks.nodes.map((n: { title: string }) => n.title),
    withdrawn: data.withdrawn.nodes,
    found: data.search.totalCount,
  };
}

describe.skipIf(!hasCorpus)('npm run sync over a copy of ../shared/corpus/schedules/c3voc/pretalx-democon.json', () => {
  let sourceId: number;

  beforeAll(async () => {
    server = await startTestServer({ datasets: {} });
    copyFileSync(corpusPath(SAMPLE), copy);
    copyFileSync(corpusPath('schedules/c3voc/LICENCE.txt'), join(folder, 'LICENCE.txt'));
    // As in a git checkout: what lies in .git is not a source.
    mkdirSync(join(folder, '.git'));
    copyFileSync(corpusPath(SAMPLE), join(folder, '.git', 'copy.json'));
    const { io: streams } = io();
    const args = [
      'add',
      '.',
      '--kind',
      'schedule-json',
      '--community',
      'democon',
      '--community-name',
      'DemoCon',
      '--time-zone',
      'Europe/Berlin',
      '--licence',
      'CC0-1.0',
    ];
    expect(await sourcesCommand(server.db, args, streams)).toBe(0);
    sourceId = (await server.db.query<{ id: number }>(`SELECT id FROM registered_source`))[0].id;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads every talk of the sample, skips its licence and the .git folder, and says so in the summary table', async () => {
    const first = await sync();
    expect(first.code).toBe(0);
    expect(first.syncs[0]).toMatchObject({ read: 2, unchanged: 0, withdrawn: 0, failed: 0, skipped: 1, error: null });
    expect(first.syncs[0].created).toBeGreaterThan(36);
    expect(first.out).toMatch(
      new RegExp(
        `^source +read +unchanged +created +updated +withdrawn +failed\\n${sourceId} schedule-json ${folder} +2 +0 +\\d+ +0 +0 +0\\n\\n\\d+ rows written$`,
      ),
    );
    expect(await counts()).toMatchObject({ eventTalks: 36, talks: 36, curtis: 5, withdrawn: [], found: 1 });
    const listed = await server.data(
      `{ sources(first: 10) { nodes { kind location community { slug } lastSyncedAt status } } }`,
      {},
      await keyHeaders(server, Role.EDITOR),
    );
    expect(listed.sources.nodes).toEqual([
      { kind: 'SCHEDULE_JSON', location: folder, community: { slug: 'democon' }, lastSyncedAt: expect.any(String), status: 'SYNCED' },
    ]);
  });

  it('gives each talk, speaker and the event the ids the schedule gave them, in one statement per level', async () => {
    const response = await server.gql(
      `{ event(slug: "democon") { externalIds { source id } talks(first: 40) { nodes { externalIds { source id } speakers { name externalIds { source id } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const { event } = response.data;
    const stored = async (type: string) =>
      await server.db.query<{ source: string; id: string }>(
        `SELECT source, external_id AS id FROM external_id WHERE record_type = $1 ORDER BY 1, 2`,
        [type],
      );
    const sorted = (ids: { source: string; id: string }[]) =>
      [...ids].sort((a, b) => `${a.source} ${a.id}`.localeCompare(`${b.source} ${b.id}`));
    expect(event.talks.nodes).toHaveLength(36);
    expect(sorted(event.externalIds)).toEqual(sorted(await stored('Event')));
    expect(sorted(event.talks.nodes.flatMap((t: { externalIds: object[] }) => t.externalIds))).toEqual(sorted(await stored('Talk')));
    const speakers = new Map(
      event.talks.nodes.flatMap((t: { speakers: { name: string; externalIds: object[] }[] }) =>
        t.speakers.map((s) => [s.name, s.externalIds]),
      ),
    );
    expect(sorted([...speakers.values()].flat() as { source: string; id: string }[])).toEqual(sorted(await stored('Speaker')));
    expect((await stored('Talk')).length).toBeGreaterThanOrEqual(36);
    // Event with its talks page (one statement), then one batch of ids for the event, the talks, and the speakers.
    expect(response.extensions?.sqlStatements).toBeLessThanOrEqual(5);
  });

  it('writes no row when it syncs the unchanged source again', async () => {
    const before = await rowVersions();
    const again = await sync(String(sourceId));
    expect(again.syncs[0]).toMatchObject({ read: 2, unchanged: 1, created: 0, updated: 0, withdrawn: 0, rowsWritten: 0 });
    expect(again.out).toMatch(/\n0 rows written$/);
    expect(await rowVersions()).toEqual(before);
  });

  it('withdraws a talk the schedule dropped: out of lists, counts and search, there for editors with filter: {withdrawn: true}', async () => {
    writeFileSync(copy, sampleWithout(DROPPED));
    const dropped = await sync(folder);
    expect(dropped.syncs[0]).toMatchObject({ read: 2, unchanged: 0, withdrawn: 1, failed: 0 });
    const after = await counts();
    expect(after).toMatchObject({ eventTalks: 35, talks: 35, curtis: 4, found: 0 });
    expect(after.curtisTitles).not.toContain(DROPPED);
    expect(after.withdrawn).toEqual([
      {
        title: DROPPED,
        withdrawnAt: expect.any(String),
        speakers: [],
        withdrawnCredits: [{ role: 'SPEAKER', speaker: { name: 'Curtis Andrews' } }],
      },
    ]);
  });

  it('brings the talk back in force, with its speaker, when the schedule lists it again', async () => {
    copyFileSync(corpusPath(SAMPLE), copy);
    const back = await sync();
    expect(back.syncs[0]).toMatchObject({ withdrawn: 0, failed: 0 });
    expect(back.syncs[0].updated).toBeGreaterThan(0);
    expect(await counts()).toMatchObject({ eventTalks: 36, talks: 36, curtis: 5, withdrawn: [], found: 1 });
  });

  it('withdraws the talks of a document gone from the folder, and reads it again when it returns', async () => {
    rmSync(copy);
    const gone = await sync();
    expect(gone.syncs[0]).toMatchObject({ read: 1, withdrawn: 36, failed: 0 });
    expect(await counts()).toMatchObject({ eventTalks: 0, talks: 0, curtis: 0 });
    copyFileSync(corpusPath(SAMPLE), copy);
    const returned = await sync();
    expect(returned.syncs[0]).toMatchObject({ read: 2, unchanged: 0, withdrawn: 0 });
    expect(await counts()).toMatchObject({ eventTalks: 36, talks: 36, curtis: 5, withdrawn: [] });
  });

  it('skips documents of another format than the registered kind, with the reason', async () => {
    const { io: streams } = io();
    expect(
      await sourcesCommand(
        server.db,
        ['add', copy, '--kind', 'frab-xml', '--community', 'democon', '--time-zone', 'UTC', '--licence', 'CC0-1.0'],
        streams,
      ),
    ).toBe(0);
    const mismatched = await sync(copy);
    expect(mismatched.syncs[0]).toMatchObject({ read: 1, skipped: 1, created: 0, error: null });
    expect(mismatched.syncs[0].documents[0].reason).toBe('a schedule-json document, not frab-xml');
  });

  it('fails a source whose location is gone, withdraws nothing, and syncs the others', async () => {
    const gone = mkdtempSync(join(tmpdir(), 'eventgraph-gone-'));
    const { io: streams } = io();
    expect(
      await sourcesCommand(server.db, ['add', gone, '--community', 'democon', '--time-zone', 'UTC', '--licence', 'CC0-1.0'], streams),
    ).toBe(0);
    rmSync(gone, { recursive: true });
    const all = await sync();
    expect(all.code).toBe(1);
    expect(all.syncs.map((s) => s.error)).toEqual([null, null, `The location "${gone}" no longer exists or cannot be read.`]);
    expect(all.out).toMatch(new RegExp(`^FAILED  source \\d+: The location`));
    expect(await counts()).toMatchObject({ eventTalks: 36 });
    const listed = await server.data(`{ sources(first: 10) { nodes { status } } }`);
    expect(listed.sources.nodes.map((n: { status: string }) => n.status)).toEqual(['SYNCED', 'SYNCED', 'FAILED']);
  });

  it('draws a progress bar on a terminal, and names no source it does not know', async () => {
    const drawn: string[] = [];
    const terminal = { isTTY: true, columns: 100, write: (text: string) => drawn.push(text) } as unknown as NodeJS.WriteStream;
    const { io: streams } = io();
    await syncCommand(server.db, [String(sourceId)], streams, terminal);
    expect(drawn.join('')).toMatch(/\[#{15}\.{15}\] 1\/2 source 1\/1 .*\[#{30}\] 2\/2 /s);
    expect(await sync('999')).toMatchObject({ code: 1, err: 'No source is registered as "999": see `npm run sources -- list`.' });
  });
});
