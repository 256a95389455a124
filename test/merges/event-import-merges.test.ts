import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { importPages } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { writeFacts } from '../../src/ingest/write-facts';
import { derivedDrift, editorServer } from './merge-test-kit';

const kit = editorServer();
const { sql } = kit;

/** A frab schedule of one made-up meetup day: its acronym becomes the event's slug. */
function schedule(acronym: string, talks: [title: string, person: string][]): string {
  const events = talks.map(
    ([title, person], i) =>
      `<event id="${i + 1}" guid="00000000-0000-4000-8000-${acronym.length}${String(i).padStart(11, '0')}"><date>2021-04-18T${14 + i}:00:00+08:00</date><start>${14 + i}:00</start><duration>00:45</duration><room>Main</room><title>${title}</title><type>talk</type><track>T</track><abstract/><persons><person id="${acronym.length * 100 + i}">${person}</person></persons></event>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version>
<conference><title>Loom Meetup #7</title><acronym>${acronym}</acronym><time_zone_name>Asia/Shanghai</time_zone_name></conference>
<day index="1" date="2021-04-18" start="2021-04-18T13:00:00+08:00" end="2021-04-18T18:00:00+08:00"><room name="Main">
${events.join('\n')}
</room></day></schedule>
`;
}

/** Imports one schedule file from a folder of its own (its path is its source). */
const folder = mkdtempSync(join(tmpdir(), 'eventgraph-fold-'));
async function importSchedule(name: string, text: string) {
  writeFileSync(join(folder, name), text);
  const report = await importPages(kit.server.db, await pageSources([join(folder, name)]), {
    community: 'looms',
    timeZone: 'Asia/Shanghai',
  });
  return report.pages[0];
}
const events = () =>
  sql<{ slug: string }>(`SELECT slug FROM event WHERE community_id = (SELECT id FROM community WHERE slug = 'looms') ORDER BY slug`);
const EVENT = `query($slug: String!) { event(slug: $slug) { talks { nodes { title } } merges { id rule absorbedSlug evidence source mergedBy undoneAt } } }`;
const event = async (slug: string) => (await kit.server.gql(EVENT, { slug }, kit.editor)).data.event;
const titles = (e: { talks: { nodes: { title: string }[] } }) => e.talks.nodes.map((t) => t.title).sort();

describe('an event two sources give, folded at import', () => {
  it('is recorded as a merge with its evidence, eventUnmerge separates the two, and re-imports keep them apart', async () => {
    await kit.server.db.transaction((_m, tx) =>
      writeFacts(tx, { communities: [{ slug: 'looms', name: 'Looms', timeZone: 'Asia/Shanghai' }] }),
    );
    await importSchedule(
      'a.xml',
      schedule('loom-7', [
        ['Threads', 'Ann'],
        ['Shuttles', 'Ben'],
      ]),
    );
    const second = schedule('loom-meetup-7-live', [
      ['Threads', 'Ann'],
      ['Bobbins', 'Cat'],
    ]);
    const report = await importSchedule('b.xml', second);
    expect([report.status, report.event?.slug]).toEqual(['imported', 'loom-7']);
    expect(await events()).toEqual([{ slug: 'loom-7' }]);
    const folded = await event('loom-7');
    expect(titles(folded)).toEqual(['Bobbins', 'Shuttles', 'Threads']);
    expect(folded.merges).toEqual([
      {
        id: expect.any(String),
        rule: 'SAME_EVENT',
        absorbedSlug: 'loom-meetup-7-live',
        evidence: [
          'day: 2021-04-18',
          'slug: loom-meetup-7-live',
          'twin: loom-7',
          'title: Loom Meetup #7',
          'matched: title',
          'community: looms',
        ],
        source: expect.stringMatching(/b\.xml$/),
        mergedBy: null,
        undoneAt: null,
      },
    ]);
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });

    // Changed while the merge stands, the second source writes into the one event, merging nothing more.
    await importSchedule(
      'b.xml',
      schedule('loom-meetup-7-live', [
        ['Threads', 'Ann'],
        ['Bobbins', 'Cat'],
        ['Spindles', 'Dan'],
      ]),
    );
    expect(await events()).toEqual([{ slug: 'loom-7' }]);
    expect((await event('loom-7')).merges).toHaveLength(1);

    const undone = await kit.server.gql(
      `mutation($input: EventUnmergeInput!) { eventUnmerge(input: $input) { event { slug } userErrors { message } } }`,
      { input: { merge: folded.merges[0].id } },
      kit.editor,
    );
    expect(undone.data.eventUnmerge).toEqual({ event: { slug: 'loom-meetup-7-live' }, userErrors: [] });
    expect(await events()).toEqual([{ slug: 'loom-7' }, { slug: 'loom-meetup-7-live' }]);
    expect(titles(await event('loom-7'))).toEqual(['Shuttles', 'Threads']);
    // What only the second source gave, before the merge or since, goes with its event.
    expect(titles(await event('loom-meetup-7-live'))).toEqual(['Bobbins', 'Spindles', 'Threads']);
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });

    // Imported again, changed, the second source lands on its own event.
    await importSchedule('b.xml', second);
    expect(await events()).toEqual([{ slug: 'loom-7' }, { slug: 'loom-meetup-7-live' }]);
    expect((await event('loom-7')).merges.map((m: { undoneAt: string | null }) => m.undoneAt !== null)).toEqual([true]);

    // Even with its own event gone, the editor's word stands: the twin is not merged into again.
    await sql(`DELETE FROM event WHERE slug = 'loom-meetup-7-live'`);
    await importSchedule('b.xml', schedule('loom-meetup-7-live', [['Threads', 'Ann']]));
    expect(await events()).toEqual([{ slug: 'loom-7' }, { slug: 'loom-meetup-7-live' }]);
    expect((await event('loom-7')).merges).toHaveLength(1);
  });
});
