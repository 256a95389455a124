import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameEvent } from '../../src/ingest/event-identity';
import { importPages } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { writeFacts } from '../../src/ingest/write-facts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { WEAVE_MEETUP_PAGE } from '../fixtures/weave-meetup';

// One made-up meetup, as its Hugo event page and as a frab schedule of the same day.
const PAGE = WEAVE_MEETUP_PAGE;
const event = (id: number, start: string, title: string, person: string) =>
  `<event id="${id}" guid="00000000-0000-4000-8000-${String(id).padStart(12, '0')}"><date>2021-03-21T${start}:00+08:00</date><start>${start}</start><duration>00:45</duration><room>Main</room><title>${title}</title><type>talk</type><track>T</track><abstract/><persons><person id="${id + 100}">${person}</person></persons></event>`;
const SCHEDULE = `<?xml version="1.0" encoding="UTF-8"?>
<schedule>
<version>1</version>
<conference><title>Weave Meetup #42</title><acronym>weave-42</acronym><time_zone_name>Asia/Shanghai</time_zone_name></conference>
<day index="1" date="2021-03-21" start="2021-03-21T13:00:00+08:00" end="2021-03-21T18:00:00+08:00">
<room name="Main">
${event(1, '14:00', 'Threads without tangles', '张织')}
${event(2, '15:00', 'Looms at scale', '李纬')}
</room>
</day>
</schedule>
`;

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.transaction((_m, sql) =>
    writeFacts(sql, { communities: [{ slug: 'weavers', name: 'Weavers', timeZone: 'Asia/Shanghai' }] }),
  );
});
afterAll(() => test?.drop());

/** A folder holding the given files (relative path → content). */
function folderWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'eventgraph-identity-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('sameEvent', () => {
  const at = (slug: string, title: string, startsAt = '2021-03-21T14:00:00+08:00') => ({
    slug,
    title,
    community: 'weavers',
    startsAt,
    timeZone: 'Asia/Shanghai',
  });

  it('matches a schedule and a page of one day by title, slug or a title held whole', () => {
    expect(sameEvent(at('weave-42', 'Weave Meetup #42'), at('meetup-page', 'Weave Meetup #42 杭州站'))).toBe(true);
    expect(sameEvent(at('weave-meetup-42', 'Schedule'), at('page', 'Weave Meetup 42'))).toBe(true);
    expect(sameEvent(at('a', 'Weave Meetup #42'), at('b', 'weave  meetup・42'))).toBe(true);
  });

  it('keeps apart other days, other numbers of a series, and short titles inside longer ones', () => {
    expect(sameEvent(at('a', 'Weave Meetup #42'), at('b', 'Weave Meetup #42', '2021-03-22T14:00:00+08:00'))).toBe(false);
    expect(sameEvent(at('a', 'Weave Meetup #4'), at('b', 'Weave Meetup #42 杭州站'))).toBe(false);
    expect(sameEvent(at('a', 'Weave'), at('b', 'Weave Meetup #42'))).toBe(false);
    expect(sameEvent(at('a', 'Weave Meetup #42'), { ...at('b', 'Weave Meetup #42'), community: 'others' })).toBe(false);
  });
});

describe('a schedule and an event page of the same meetup', () => {
  it.each([
    ['page first', { 'a-page/index.md': PAGE, 'b-schedule.xml': SCHEDULE }],
    ['schedule first', { 'a-schedule.xml': SCHEDULE, 'b-page/index.md': PAGE }],
  ])('make one event with each talk once, vouched for by both (%s)', async (_order, files) => {
    for (const table of ['event', 'speaker', 'source', 'external_id']) await test.db.query(`DELETE FROM ${table}`);
    const report = await importPages(test.db, await pageSources([folderWith(files)]), { community: 'weavers', timeZone: 'Asia/Shanghai' });
    expect(report.pages.map((p) => [p.status, p.reason ?? null])).toEqual([
      ['imported', null],
      ['imported', null],
    ]);
    const events = await test.db.query<{ slug: string; sources: number }>(
      `SELECT e.slug, (SELECT count(*)::int FROM record_source rs WHERE rs.record_type = 'Event' AND rs.record_id = e.id) AS sources FROM event e`,
    );
    expect(events).toHaveLength(1);
    // The page's city stands: the schedule, which names none, does not erase it.
    expect(await test.db.query(`SELECT city FROM event`)).toEqual([{ city: '杭州' }]);
    expect(events[0].sources).toBe(2);
    const talks = await test.db.query(
      `SELECT t.title, (SELECT string_agg(s.name, ',') FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id) AS speakers,
         (SELECT count(*)::int FROM record_source rs WHERE rs.record_type = 'Talk' AND rs.record_id = t.id) AS sources
       FROM talk t WHERE t.withdrawn_at IS NULL ORDER BY t.title`,
    );
    expect(talks).toEqual([
      { title: 'Looms at scale', speakers: '李纬', sources: 2 },
      { title: 'Threads without tangles', speakers: '张织', sources: 2 },
    ]);
    expect(await test.db.query(`SELECT count(*)::int AS n FROM speaker`)).toEqual([{ n: 2 }]);
  });
});
