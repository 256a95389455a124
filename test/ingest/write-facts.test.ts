import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphFacts } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.drop());

const facts = (talks: NonNullable<GraphFacts['events']>[number]['talks']): GraphFacts => ({
  communities: [{ slug: 'c', name: 'C' }],
  projects: [{ slug: 'p', name: 'P', aliases: ['Old P'] }, { slug: 'q', name: 'Q' }],
  events: [{ slug: 'e', title: 'E', community: 'c', talks }],
});
const write = (document: GraphFacts) => test.db.transaction((_m, sql) => writeFacts(sql, document, { uri: 'page.md', contentHash: JSON.stringify(document) }));
const links = () =>
  test.db.query<{ title: string; speakers: string; projects: string }>(
    `SELECT t.title,
       coalesce((SELECT string_agg(s.name, ',' ORDER BY ts.position) FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id), '') AS speakers,
       coalesce((SELECT string_agg(p.slug, ',' ORDER BY p.slug) FROM talk_project tp JOIN project p ON p.id = tp.project_id WHERE tp.talk_id = t.id), '') AS projects
     FROM talk t ORDER BY t.position`,
  );

describe('writeFacts', () => {
  it('writes the links of every talk of an event, and provenance with each talk line', async () => {
    await write(facts([
      { title: 'One', speakers: [{ name: 'Ann' }, { name: 'Bo' }], projects: ['Old P'], at: { line: 3 } },
      { title: 'Two', speakers: [{ name: 'Bo' }], projects: ['p', 'q'], at: { line: 7 } },
    ]));
    expect(await links()).toEqual([
      { title: 'One', speakers: 'Ann,Bo', projects: 'p' },
      { title: 'Two', speakers: 'Bo', projects: 'p,q' },
    ]);
    const lines = await test.db.query<{ line: number }>(`SELECT (locator->>'line')::int AS line FROM record_source WHERE record_type = 'Talk' ORDER BY 1`);
    expect(lines.map((r) => r.line)).toEqual([3, 7]);
  });

  it('makes one talk of two agenda entries with one title, keeping the later entry links', async () => {
    const counts = await write(facts([
      { title: 'One', speakers: [{ name: 'Ann' }], projects: ['p'] },
      { title: 'one', speakers: [{ name: 'Cy' }], projects: ['q'] },
      { title: 'Two', speakers: [{ name: 'Bo' }], projects: ['p', 'q'] },
    ]));
    expect(await links()).toEqual([
      { title: 'one', speakers: 'Cy', projects: 'q' },
      { title: 'Two', speakers: 'Bo', projects: 'p,q' },
    ]);
    expect(counts.links).toBeGreaterThan(0);
  });

  it('writes no row when the same document comes again', async () => {
    const document = facts([{ title: 'Two', speakers: [{ name: 'Bo' }], projects: ['p', 'q'] }]);
    await write(document);
    const again = await write(document);
    expect(again.links + Object.values(again.created).reduce((a, b) => a + b) + Object.values(again.updated).reduce((a, b) => a + b)).toBe(0);
  });
});
