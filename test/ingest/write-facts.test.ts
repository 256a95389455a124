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
  projects: [
    { slug: 'p', name: 'P', aliases: ['Old P'] },
    { slug: 'q', name: 'Q' },
  ],
  events: [{ slug: 'e', title: 'E', community: 'c', talks }],
});
const write = (document: GraphFacts) =>
  test.db.transaction((_m, sql) => writeFacts(sql, document, { uri: 'page.md', contentHash: JSON.stringify(document) }));
const links = () =>
  test.db.query<{ title: string; speakers: string; projects: string }>(
    `SELECT t.title,
       coalesce((SELECT string_agg(s.name, ',' ORDER BY ts.position) FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id), '') AS speakers,
       coalesce((SELECT string_agg(p.slug, ',' ORDER BY p.slug) FROM talk_project tp JOIN project p ON p.id = tp.project_id WHERE tp.talk_id = t.id), '') AS projects
     FROM talk t ORDER BY t.position`,
  );

describe('writeFacts', () => {
  it('writes the links of every talk of an event, and provenance with each talk line', async () => {
    await write(
      facts([
        { title: 'One', speakers: [{ name: 'Ann' }, { name: 'Bo' }], projects: ['Old P'], at: { line: 3 } },
        { title: 'Two', speakers: [{ name: 'Bo' }], projects: ['p', 'q'], at: { line: 7 } },
      ]),
    );
    expect(await links()).toEqual([
      { title: 'One', speakers: 'Ann,Bo', projects: 'p' },
      { title: 'Two', speakers: 'Bo', projects: 'p,q' },
    ]);
    const lines = await test.db.query<{ line: number }>(
      `SELECT (locator->>'line')::int AS line FROM record_source WHERE record_type = 'Talk' ORDER BY 1`,
    );
    expect(lines.map((r) => r.line)).toEqual([3, 7]);
  });

  it('makes one talk of two agenda entries with one title, keeping the later entry links', async () => {
    const counts = await write(
      facts([
        { title: 'One', speakers: [{ name: 'Ann' }], projects: ['p'] },
        { title: 'one', speakers: [{ name: 'Cy' }], projects: ['q'] },
        { title: 'Two', speakers: [{ name: 'Bo' }], projects: ['p', 'q'] },
      ]),
    );
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
    expect(again.links + Object.values(again.created).reduce((a, b) => a + b) + Object.values(again.updated).reduce((a, b) => a + b)).toBe(
      0,
    );
  });
});

describe('writeFacts keeps only http(s) links', () => {
  const HOSTILE = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    'https://ex\nample.org/',
    'http:/evil.example',
    'https://',
    '/cover.jpg',
  ];

  it('leaves out every other scheme, whatever the source, and says so in the warnings', async () => {
    const talks = HOSTILE.map((url, i) => ({
      title: `Hostile ${i}`,
      slidesUrl: url,
      videoUrl: url,
      links: [{ kind: 'OTHER' as const, url }],
    }));
    const counts = await test.db.transaction((_m, sql) =>
      writeFacts(sql, {
        communities: [{ slug: 'c', name: 'C', url: 'vbscript:x' }],
        projects: [{ slug: 'hostile', name: 'Hostile', repositoryUrl: 'javascript:alert(1)', homepageUrl: 'data:,x' }],
        events: [
          {
            slug: 'hostile-links',
            title: 'Hostile links',
            community: 'c',
            coverUrl: 'javascript:alert(1)',
            links: [
              { kind: 'REPLAY', url: 'javascript:alert(1)' },
              { kind: 'RECAP', url: 'https://example.org/recap' },
            ],
            talks,
          },
        ],
      }),
    );
    const stored = await test.db.query<{ urls: string[] }>(
      `SELECT array_remove(ARRAY[t.slides_url, t.video_url] || ARRAY(SELECT l->>'url' FROM jsonb_array_elements(coalesce(t.links, '[]')) l), NULL) AS urls
       FROM talk t JOIN event e ON e.id = t.event_id WHERE e.slug = 'hostile-links'`,
    );
    expect(stored).toHaveLength(HOSTILE.length);
    expect(stored.flatMap((row) => row.urls)).toEqual([]);
    const [event] = await test.db.query(`SELECT cover_url, links FROM event WHERE slug = 'hostile-links'`);
    expect(event).toEqual({ cover_url: null, links: [{ kind: 'RECAP', url: 'https://example.org/recap' }] });
    const [project] = await test.db.query(`SELECT repository_url, homepage_url FROM project WHERE slug = 'hostile'`);
    expect(project).toEqual({ repository_url: null, homepage_url: null });
    expect((await test.db.query(`SELECT url FROM community WHERE slug = 'c'`))[0]).toEqual({ url: null });
    // Three links per talk, two per project, cover and replay, and the community's.
    expect(counts.warnings.filter((w) => /only http\(s\) links are kept/.test(w))).toHaveLength(HOSTILE.length * 3 + 2 + 2 + 1);
    expect(counts.warnings).toContain('"Hostile 0": link "javascript:alert(1)" left out, only http(s) links are kept.');
  });

  it('keeps http and https links of any case, trimmed', async () => {
    await write(facts([{ title: 'Fine', slidesUrl: ' HTTPS://example.org/a%20b.pdf ', videoUrl: 'http://example.org/v' }]));
    const [talk] = await test.db.query(`SELECT slides_url, video_url FROM talk WHERE title = 'Fine'`);
    expect(talk).toEqual({ slides_url: 'HTTPS://example.org/a%20b.pdf', video_url: 'http://example.org/v' });
  });
});
