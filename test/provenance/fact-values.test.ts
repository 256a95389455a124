import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPages } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { writeFacts } from '../../src/ingest/write-facts';
import { registerSource } from '../../src/sources/source-registry';
import { syncSource } from '../../src/sources/sync-source';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { WEAVE_MEETUP_PAGE } from '../fixtures/weave-meetup';

// One made-up meetup three ways: its Hugo event page, its frab schedule and an iCalendar feed.
const PAGE = WEAVE_MEETUP_PAGE;
const talk = (id: number, start: string, title: string, person: string, slides = '') =>
  `<event id="${id}" guid="00000000-0000-4000-8000-${String(id).padStart(12, '0')}"><date>2021-03-21T${start}:00+08:00</date><start>${start}</start><duration>00:45</duration><room>Main</room><title>${title}</title><type>talk</type><track>T</track><abstract/><persons><person id="${id + 100}">${person}</person></persons>${slides ? `<attachments><attachment href="${slides}">Slides</attachment></attachments>` : ''}</event>`;
const schedule = (talks: string) => `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
<version>1</version>
<conference><title>Weave Meetup #42</title><acronym>weave-42</acronym><time_zone_name>Asia/Shanghai</time_zone_name></conference>
<day index="1" date="2021-03-21" start="2021-03-21T13:00:00+08:00" end="2021-03-21T18:00:00+08:00">
<room name="Main">
${talks}
</room>
</day>
</schedule>
`;
const THREADS = talk(1, '14:00', 'Threads without tangles', '张织', 'https://example.org/threads-v2.pdf');
const LOOMS = talk(2, '15:00', 'Looms at Scale', '李纬');
const feed = (attach: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//made up//EN',
    'X-WR-CALNAME:Weave Meetup #42',
    'BEGIN:VEVENT',
    'UID:threads@example.org',
    'DTSTAMP:20210301T000000Z',
    'DTSTART:20210321T060000Z',
    'DTEND:20210321T064500Z',
    'SUMMARY:Threads without tangles - 张织',
    ...(attach ? [`ATTACH:${attach}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

let server: TestServer;
let folder: string;
let editor: Record<string, string>;

/** Writes the documents (name → content) into the folder and imports all of it, as a sync does. */
async function sync(files: Record<string, string> = {}) {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  const report = await importPages(server.db, await pageSources([folder]), { community: 'weavers', timeZone: 'Asia/Shanghai' });
  return report.pages.map((p) => [p.file.replace(/^.*\//, ''), p.status, p.reason ?? null]);
}

const FACTS = `factValues { field value origin source { uri } editor chosen }`;
const EVENT = `{ events(first: 5) { nodes { id title talks { nodes { id title slidesUrl ${FACTS} } } ${FACTS} } } }`;
type Fact = { field: string; value: string | null; origin: string; source: { uri: string } | null; editor: string | null; chosen: boolean };
type Talk = { id: string; title: string; slidesUrl: string | null; factValues: Fact[] };

async function graph() {
  const data = await server.data<{ events: { nodes: { id: string; title: string; talks: { nodes: Talk[] }; factValues: Fact[] }[] } }>(
    EVENT,
    {},
    editor,
  );
  return data.events.nodes;
}

/** A record's values of one field as `origin document-name value (chosen)`, for comparing at a glance. */
function valuesOf(facts: Fact[], field: string): string[] {
  return facts
    .filter((f) => f.field === field)
    .map((f) => `${f.origin} ${f.source ? f.source.uri.replace(/^.*\//, '') : f.editor} ${f.value}${f.chosen ? ' (chosen)' : ''}`)
    .sort();
}

async function conflicts(): Promise<string[]> {
  const data = await server.data(
    `{ analytics { dataQuality { conflicts(first: 20) { totalCount nodes { field values record { __typename ... on Talk { title } ... on Event { title } } } } } } }`,
  );
  const { totalCount, nodes } = data.analytics.dataQuality.conflicts;
  expect(nodes).toHaveLength(totalCount);
  return nodes.map(
    (n: { field: string; values: number; record: { __typename: string; title: string } }) =>
      `${n.record.__typename} ${n.record.title} ${n.field} ${n.values}`,
  );
}

beforeAll(async () => {
  server = await startTestServer({ datasets: {} });
  await server.db.transaction((_m, sql) =>
    writeFacts(sql, { communities: [{ slug: 'weavers', name: 'Weavers', timeZone: 'Asia/Shanghai' }] }),
  );
  editor = await keyHeaders(server, undefined, 'ann-editor');
  folder = mkdtempSync(join(tmpdir(), 'eventgraph-facts-'));
});
afterAll(() => server?.close());

describe('values per source', () => {
  it('keeps what each of three sources gives, and the column holds what the rule chooses', async () => {
    expect(
      await sync({
        'a-page.md': PAGE,
        'b-schedule.xml': schedule(`${THREADS}\n${LOOMS}`),
        'c-feed.ics': feed('https://example.org/threads-draft.pdf'),
      }),
    ).toEqual([
      ['a-page.md', 'imported', null],
      ['b-schedule.xml', 'imported', null],
      ['c-feed.ics', 'imported', null],
    ]);
    const [event, ...others] = await graph();
    expect(others).toEqual([]);
    // Page and schedule are equally specific: the later recorded stands; the feed ranks below both.
    expect(valuesOf(event.factValues, 'TITLE')).toEqual([
      'EVENT_DOCUMENT a-page.md Weave Meetup #42 杭州站',
      'EVENT_DOCUMENT b-schedule.xml Weave Meetup #42 (chosen)',
      'LISTING c-feed.ics Weave Meetup #42',
    ]);
    expect(event.title).toBe('Weave Meetup #42');
    const threads = event.talks.nodes.find((t) => t.title === 'Threads without tangles')!;
    // The schedule's slides beat the feed's, though the feed was read last.
    expect(valuesOf(threads.factValues, 'SLIDES_URL')).toEqual([
      'EVENT_DOCUMENT b-schedule.xml https://example.org/threads-v2.pdf (chosen)',
      'LISTING c-feed.ics https://example.org/threads-draft.pdf',
    ]);
    expect(threads.slidesUrl).toBe('https://example.org/threads-v2.pdf');
    const looms = event.talks.nodes.find((t) => t.title.startsWith('Looms'))!;
    expect(valuesOf(looms.factValues, 'TITLE')).toEqual([
      'EVENT_DOCUMENT a-page.md Looms at scale',
      'EVENT_DOCUMENT b-schedule.xml Looms at Scale (chosen)',
    ]);
    expect(looms.title).toBe('Looms at Scale');
  });

  it('lists the fields sources disagree on in dataQuality', async () => {
    // In the order their first values were stored; the three give three different ends of the day.
    expect(await conflicts()).toEqual([
      'Event Weave Meetup #42 TITLE 2',
      'Event Weave Meetup #42 ENDS_AT 3',
      'Talk Looms at Scale TITLE 2',
      'Talk Threads without tangles SLIDES_URL 2',
    ]);
  });

  it('writes no value again when nothing changed', async () => {
    const before = await server.db.query(`SELECT count(*)::int AS n, max(recorded_at) AS at FROM fact_value`);
    expect((await sync()).map(([, status]) => status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await server.db.query(`SELECT count(*)::int AS n, max(recorded_at) AS at FROM fact_value`)).toEqual(before);
  });
});

describe("an editor's value", () => {
  it('wins over every source, settles the conflict, and survives a re-sync of the sources', async () => {
    const [event] = await graph();
    const threads = event.talks.nodes.find((t) => t.title === 'Threads without tangles')!;
    const edited = await server.data(
      `mutation($id: ID!) { talkUpdate(id: $id, input: { slidesUrl: "https://example.org/threads-final.pdf", title: "Threads Without Tangles" }) { talk { title slidesUrl } userErrors { message } } }`,
      { id: threads.id },
      editor,
    );
    expect(edited.talkUpdate).toEqual({
      talk: { title: 'Threads Without Tangles', slidesUrl: 'https://example.org/threads-final.pdf' },
      userErrors: [],
    });
    await server.data(
      `mutation($id: ID!) { eventUpdate(id: $id, input: { title: "Weave Meetup 42 (Hangzhou)" }) { userErrors { message } } }`,
      { id: event.id },
      editor,
    );
    // The editor settled the event's title and the talk's slides; the other disagreements stand.
    expect(await conflicts()).toEqual(['Event Weave Meetup 42 (Hangzhou) ENDS_AT 3', 'Talk Looms at Scale TITLE 2']);

    // The schedule changes (a new slides link) and the feed too: both are read again.
    expect(
      (
        await sync({
          'b-schedule.xml': schedule(
            `${talk(1, '14:00', 'Threads without tangles', '张织', 'https://example.org/threads-v3.pdf')}\n${LOOMS}`,
          ),
          'c-feed.ics': feed('https://example.org/threads-draft2.pdf'),
        })
      ).map(([, s]) => s),
    ).toEqual(['unchanged', 'imported', 'imported']);
    const [after, ...others] = await graph();
    expect(others).toEqual([]);
    expect(after.title).toBe('Weave Meetup 42 (Hangzhou)');
    const again = after.talks.nodes.find((t) => t.id === threads.id)!;
    expect(again.title).toBe('Threads Without Tangles');
    expect(again.slidesUrl).toBe('https://example.org/threads-final.pdf');
    expect(valuesOf(again.factValues, 'SLIDES_URL')).toEqual([
      'EDITOR ann-editor https://example.org/threads-final.pdf (chosen)',
      'EVENT_DOCUMENT b-schedule.xml https://example.org/threads-v3.pdf',
      'LISTING c-feed.ics https://example.org/threads-draft2.pdf',
    ]);
    // The renamed talk is found again by the title the sources give it: no second talk.
    expect(after.talks.nodes.map((t) => t.title).sort()).toEqual(['Looms at Scale', 'Threads Without Tangles']);
  });
});

describe('a source that stops giving a value', () => {
  it('loses its value; a talk it drops takes back the value another source gives', async () => {
    expect((await sync({ 'b-schedule.xml': schedule(THREADS), 'c-feed.ics': feed('') })).map(([, s]) => s)).toEqual([
      'unchanged',
      'imported',
      'imported',
    ]);
    const [event] = await graph();
    const threads = event.talks.nodes.find((t) => t.title === 'Threads Without Tangles')!;
    expect(valuesOf(threads.factValues, 'SLIDES_URL')).toEqual([
      'EDITOR ann-editor https://example.org/threads-final.pdf (chosen)',
      'EVENT_DOCUMENT b-schedule.xml https://example.org/threads-v2.pdf',
    ]);
    // The page still lists "Looms at scale": the talk stays in force with the page's title.
    const looms = event.talks.nodes.find((t) => t.title.startsWith('Looms'))!;
    expect(looms.title).toBe('Looms at scale');
    expect(valuesOf(looms.factValues, 'TITLE')).toEqual(['EVENT_DOCUMENT a-page.md Looms at scale (chosen)']);
    // Schedule and feed now both end the event with its one talk; the page still says 17:00.
    expect(await conflicts()).toEqual(['Event Weave Meetup 42 (Hangzhou) ENDS_AT 2']);
  });

  it('drops the values of a deleted talk with it', async () => {
    const [event] = await graph();
    const looms = event.talks.nodes.find((t) => t.title.startsWith('Looms'))!;
    await server.data(`mutation($id: ID!) { talkDelete(id: $id) { userErrors { message } } }`, { id: looms.id }, editor);
    const [{ id }] = await server.db.query<{ id: number }>(
      `SELECT count(*)::int AS id FROM fact_value f WHERE f.record_type = 'Talk' AND NOT EXISTS (SELECT 1 FROM talk t WHERE t.id = f.record_id)`,
    );
    expect(id).toBe(0);
  });
});

describe('a document gone from its registered folder', () => {
  it('takes its values along, and the columns take what the other sources give', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eventgraph-vanish-'));
    // Named apart from the first page, whose slug its file name gave.
    writeFileSync(
      join(root, 'a-meetup-43.md'),
      PAGE.replace('Weave Meetup #42', 'Weave Meetup #43').replaceAll('03 月 21 日', '03 月 28 日'),
    );
    writeFileSync(
      join(root, 'b-schedule.xml'),
      schedule(THREADS).replaceAll('#42', '#43').replaceAll('2021-03-21', '2021-03-28').replace('weave-42', 'weave-43'),
    );
    const [{ id: communityId }] = await server.db.query<{ id: number }>(`SELECT id FROM community WHERE slug = 'weavers'`);
    const source = await server.db.transaction((_m, sql) =>
      registerSource(
        sql,
        { kind: 'auto', location: root, communityId, timeZone: 'Asia/Shanghai', licence: 'CC0-1.0' },
        { cwd: root, roots: [root] },
      ),
    );
    expect((await syncSource(server.db, source, [root])).error).toBeNull();
    const titles = () =>
      server.db.query<{ title: string; n: number }>(
        `SELECT e.title, (SELECT count(*)::int FROM fact_value f WHERE f.record_type = 'Event' AND f.record_id = e.id AND f.field = 'title') AS n
         FROM event e WHERE e.title LIKE 'Weave Meetup #43%'`,
      );
    // The schedule was read last: its title stands, the page's is kept beside it.
    expect(await titles()).toEqual([{ title: 'Weave Meetup #43', n: 2 }]);
    rmSync(join(root, 'b-schedule.xml'));
    expect((await syncSource(server.db, source, [root])).error).toBeNull();
    expect(await titles()).toEqual([{ title: 'Weave Meetup #43 杭州站', n: 1 }]);
  });
});

describe('bad input to factValues and conflicts', () => {
  it('refuses a field the record type does not keep, with the fields it does', async () => {
    const response = await server.gql(`{ events(first: 1) { nodes { factValues(field: SLIDES_URL) { value } } } }`, {}, editor);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toBe('Events keep no SLIDES_URL per source; use one of TITLE, STARTS_AT, ENDS_AT, CITY, VENUE.');
  });

  it('refuses a field name that is not one', async () => {
    const response = await server.gql(`{ events(first: 1) { nodes { factValues(field: slides) { value } } } }`, {}, editor);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('shows values to editors only', async () => {
    const response = await server.gql(`{ events(first: 1) { nodes { title factValues { value } } } }`);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a page size out of range and a cursor that is not one', async () => {
    for (const args of ['first: 0', 'first: 101', 'after: "nope"']) {
      const response = await server.gql(`{ analytics { dataQuality { conflicts(${args}) { totalCount } } } }`);
      expect(response.errors?.[0].extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });
});
