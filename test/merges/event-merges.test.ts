import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import type { EventFact, GraphFacts } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { derivedDrift, editorServer, graphRows } from './merge-test-kit';

const kit = editorServer();
const { sql } = kit;

const write = (uri: string, event: Omit<EventFact, 'community'>) => {
  const document: GraphFacts = {
    communities: [{ slug: 'em', name: 'Event Merges' }],
    projects: [{ slug: 'knot', name: 'Knot' }],
    events: [{ ...event, community: 'em' }],
  };
  return kit.server.db.transaction((_m, tx) => writeFacts(tx, document, { uri, contentHash: JSON.stringify(document) }));
};
const eventId = async (slug: string) =>
  toGlobalId('Event', (await sql<{ id: number }>(`SELECT id FROM event WHERE slug = $1`, [slug]))[0].id);

const EVENT = `query($slug: String!) { event(slug: $slug) { title city tags externalIds { source id } talks { nodes { title speakers { name } } }
  merges { id rule absorbedTitle absorbedSlug evidence source mergedBy undoneAt } } }`;
const event = async (slug: string) => (await kit.server.gql(EVENT, { slug }, kit.editor)).data.event;
const MERGE = `mutation($input: EventMergeInput!) { eventMerge(input: $input) { event { slug city } userErrors { field message code } } }`;
const merge = async (input: Record<string, unknown>) => (await kit.server.gql(MERGE, { input }, kit.editor)).data.eventMerge;
const UNMERGE = `mutation($input: EventUnmergeInput!) { eventUnmerge(input: $input) { event { slug title } userErrors { field message code } } }`;
const unmerge = async (mergeId: string) => (await kit.server.gql(UNMERGE, { input: { merge: mergeId } }, kit.editor)).data.eventUnmerge;
const titles = (e: { talks: { nodes: { title: string }[] } }) => e.talks.nodes.map((t) => t.title).sort();

/** Two records of one meetup: a talk of one title in both, one of its own in each; the second knows the city. */
async function twoRecords(n: number) {
  await write(`test://em${n}a`, {
    slug: `em${n}a`,
    title: `Knotting ${n}`,
    startsAt: '2024-06-01T06:00:00Z',
    tags: ['ropes'],
    talks: [
      { title: `Knots ${n}`, speakers: [{ name: `Ada ${n}` }], projects: ['Knot'] },
      { title: `Braids ${n}`, speakers: [{ name: `Bo ${n}` }] },
    ],
  });
  await write(`test://em${n}b`, {
    slug: `em${n}b`,
    title: `Knotting meetup ${n}`,
    startsAt: '2024-06-01T06:00:00Z',
    city: '杭州',
    tags: ['ropes', 'sailing'],
    externalIds: [{ source: 'frab:em', id: `${n}` }],
    talks: [
      { title: `knots ${n}`, slidesUrl: `https://slides.example/${n}`, speakers: [{ name: `Cy ${n}` }] },
      { title: `Loops ${n}`, speakers: [{ name: `Dee ${n}` }] },
    ],
  });
  return { keep: await eventId(`em${n}a`), duplicate: await eventId(`em${n}b`) };
}

describe('eventMerge', () => {
  it('moves the talks, merging the one both had, with the sources, ids, tags and fields the kept event lacks', async () => {
    const { keep, duplicate } = await twoRecords(1);
    expect(await merge({ keep, duplicate })).toEqual({ event: { slug: 'em1a', city: '杭州' }, userErrors: [] });
    const kept = await event('em1a');
    // The talk both had is one, titled as the rule chooses among its two records' values (the later document's).
    expect(titles(kept)).toEqual(['Braids 1', 'Loops 1', 'knots 1']);
    expect(kept.tags).toEqual(['ropes', 'sailing']);
    expect(kept.externalIds).toEqual([{ source: 'frab:em', id: '1' }]);
    expect(kept.talks.nodes.find((t: { title: string }) => t.title === 'knots 1').speakers).toEqual([{ name: 'Ada 1' }, { name: 'Cy 1' }]);
    expect(kept.merges).toEqual([
      {
        id: expect.any(String),
        rule: 'EDITOR',
        absorbedTitle: 'Knotting meetup 1',
        absorbedSlug: 'em1b',
        evidence: [`kept: ${keep}`, `duplicate: ${duplicate}`],
        source: null,
        mergedBy: 'alice',
        undoneAt: null,
      },
    ]);
    const knots = await kit.server.gql(
      `query($id: ID!) { talk(id: $id) { slidesUrl merges { rule absorbedTitle mergedBy } } }`,
      { id: toGlobalId('Talk', (await sql<{ id: number }>(`SELECT id FROM talk WHERE title = 'knots 1'`))[0].id) },
      kit.editor,
    );
    expect(knots.data.talk).toEqual({
      slidesUrl: 'https://slides.example/1',
      merges: [{ rule: 'SAME_TITLE', absorbedTitle: 'knots 1', mergedBy: 'alice' }],
    });
    expect(await event('em1b')).toBeNull();
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });
    const audit = await sql(`SELECT record_type, after IS NULL AS gone FROM audit_log WHERE operation = 'eventMerge' ORDER BY id`);
    expect(audit).toEqual([
      { record_type: 'Talk', gone: true },
      { record_type: 'Talk', gone: false },
      { record_type: 'Event', gone: true },
      { record_type: 'Event', gone: false },
    ]);
  });

  it('refuses bad input with a user error and changes nothing', async () => {
    const { keep, duplicate } = await twoRecords(2);
    const before = await graphRows(sql);
    expect((await merge({ keep: toGlobalId('Event', 999999), duplicate })).userErrors).toEqual([
      { field: ['input', 'keep'], message: 'No event found.', code: 'NOT_FOUND' },
    ]);
    expect((await merge({ keep, duplicate: toGlobalId('Talk', 1) })).userErrors).toEqual([
      { field: ['input', 'duplicate'], message: expect.stringMatching(/belongs to a Talk, not a Event/), code: 'INVALID' },
    ]);
    expect((await merge({ keep, duplicate: keep })).userErrors).toEqual([
      { field: ['input', 'duplicate'], message: 'An event cannot be merged into itself.', code: 'INVALID' },
    ]);
    expect(await graphRows(sql)).toEqual(before);
    const anonymous = await kit.server.gql(MERGE, { input: { keep, duplicate } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await kit.server.gql(`{ event(slug: "em2a") { merges { id } } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('eventUnmerge', () => {
  it('brings the absorbed event back with its talks, the talk both had split again, and the graph as it was', async () => {
    const { keep, duplicate } = await twoRecords(3);
    const before = await graphRows(sql);
    await merge({ keep, duplicate });
    const [record] = (await event('em3a')).merges;
    expect(await unmerge(record.id)).toEqual({ event: { slug: 'em3b', title: 'Knotting meetup 3' }, userErrors: [] });
    expect(await graphRows(sql)).toEqual(before);
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });
    expect(titles(await event('em3b'))).toEqual(['Loops 3', 'knots 3']);
    const undone = await sql(
      `SELECT kind, undone_by FROM merge_evidence WHERE undone_at IS NOT NULL AND kind IN ('EVENT', 'TALK') ORDER BY id`,
    );
    expect(undone).toEqual([
      { kind: 'TALK', undone_by: 'alice' },
      { kind: 'EVENT', undone_by: 'alice' },
    ]);
    expect((await unmerge(record.id)).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'This merge was undone already; there is nothing to undo.', code: 'INVALID' },
    ]);
  });

  it('refuses a merge of another kind, a talk merge its event merge holds, and a superseded one, changing nothing', async () => {
    const { keep, duplicate } = await twoRecords(4);
    await merge({ keep, duplicate });
    const [record] = (await event('em4a')).merges;
    expect((await unmerge(toGlobalId('TalkMerge', 1))).userErrors).toEqual([
      { field: ['input', 'merge'], message: expect.stringMatching(/belongs to a TalkMerge, not a EventMerge/), code: 'INVALID' },
    ]);
    const [{ id: talkMergeId }] = await sql<{ id: number }>(`SELECT id FROM merge_evidence WHERE kind = 'TALK' ORDER BY id DESC LIMIT 1`);
    expect((await unmerge(toGlobalId('EventMerge', talkMergeId))).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'No merge of events has this ID.', code: 'NOT_FOUND' },
    ]);
    let before = await graphRows(sql);
    const talkUnmerge = await kit.server.gql(
      `mutation($input: TalkUnmergeInput!) { talkUnmerge(input: $input) { userErrors { message } } }`,
      { input: { merge: toGlobalId('TalkMerge', talkMergeId) } },
      kit.editor,
    );
    expect(talkUnmerge.data.talkUnmerge.userErrors).toEqual([
      { message: "The absorbed talk's event was deleted or merged into another since; undo that first (`eventUnmerge`)." },
    ]);
    expect(await graphRows(sql)).toEqual(before);
    // Another event has the absorbed slug now.
    await write('test://em4c', { slug: 'em4b', title: 'Someone else', talks: [] });
    before = await graphRows(sql);
    expect((await unmerge(record.id)).userErrors).toEqual([
      {
        field: ['input', 'merge'],
        message: 'Another event has the slug "em4b" now; change it before undoing this merge.',
        code: 'INVALID',
      },
    ]);
    expect(await graphRows(sql)).toEqual(before);
    // The kept event deleted since.
    await kit.server.gql(`mutation($id: ID!) { eventDelete(id: $id) { userErrors { code } } }`, { id: keep }, kit.editor);
    await sql(`DELETE FROM event WHERE slug = 'em4b'`);
    before = await graphRows(sql);
    expect((await unmerge(record.id)).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'The kept event was deleted or merged into another since; undo that first.', code: 'INVALID' },
    ]);
    expect(await graphRows(sql)).toEqual(before);
  });
});
