import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import type { GraphFacts, TalkFact } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { derivedDrift, editorServer, graphRows } from './merge-test-kit';

const kit = editorServer();
const { sql } = kit;

/** One page of a made-up meetup: an event on its own day with the given talks. */
const page = (slug: string, day: string, talks: TalkFact[]): GraphFacts => ({
  communities: [{ slug: 'tm', name: 'Talk Merges' }],
  projects: [
    { slug: 'loom', name: 'Loom' },
    { slug: 'shuttle', name: 'Shuttle' },
  ],
  events: [{ slug, title: `Meetup ${slug}`, community: 'tm', startsAt: `${day}T06:00:00Z`, talks }],
});
const write = (uri: string, document: GraphFacts) =>
  kit.server.db.transaction((_m, tx) => writeFacts(tx, document, { uri, contentHash: JSON.stringify(document) }));
const talkId = async (title: string) =>
  toGlobalId('Talk', (await sql<{ id: number }>(`SELECT id FROM talk WHERE title = $1`, [title]))[0].id);

const TALK = `query($id: ID!) { talk(id: $id) { title slidesUrl speakers { name } projects { name } externalIds { source id }
  merges { id rule absorbedTitle evidence source mergedBy undoneAt } } }`;
const talk = async (id: string) => (await kit.server.gql(TALK, { id }, kit.editor)).data.talk;
const MERGE = `mutation($input: TalkMergeInput!) { talkMerge(input: $input) { talk { title slidesUrl speakers { name } projects { name } } userErrors { field message code } } }`;
const merge = async (input: Record<string, unknown>) => (await kit.server.gql(MERGE, { input }, kit.editor)).data.talkMerge;
const UNMERGE = `mutation($input: TalkUnmergeInput!) { talkUnmerge(input: $input) { talk { id title speakers { name } } userErrors { field message code } } }`;
const unmerge = async (mergeId: string) => (await kit.server.gql(UNMERGE, { input: { merge: mergeId } }, kit.editor)).data.talkUnmerge;

/** Two records of one talk, given at two meetups: the second with the slides, another speaker, a project and a source's id. */
async function twoRecords(n: number) {
  await write(
    `test://tm${n}a`,
    page(`tm${n}a`, '2024-05-01', [{ title: `Warp and weft ${n}`, speakers: [{ name: `Ada ${n}` }], projects: ['Loom'] }]),
  );
  await write(
    `test://tm${n}b`,
    page(`tm${n}b`, '2024-05-02', [
      {
        title: `Warp & weft ${n} (recording)`,
        slidesUrl: `https://slides.example/${n}`,
        speakers: [{ name: `Ada ${n}` }, { name: `Bo ${n}` }],
        projects: ['Loom', 'Shuttle'],
        externalIds: [{ source: 'frab:tm', id: `${n}` }],
      },
      { title: `Other ${n}`, speakers: [{ name: `Bo ${n}` }] },
    ]),
  );
  return { keep: await talkId(`Warp and weft ${n}`), duplicate: await talkId(`Warp & weft ${n} (recording)`) };
}

describe('talkMerge', () => {
  it('moves credits, tags, sources, external ids and the slides the kept talk lacks, records and audits the merge', async () => {
    const { keep, duplicate } = await twoRecords(1);
    const merged = await merge({ keep, duplicate, evidence: 'the same talk, filmed' });
    expect(merged).toEqual({
      talk: {
        // The rule chooses among both records' titles: the later document's (see the fact values test below).
        title: 'Warp & weft 1 (recording)',
        slidesUrl: 'https://slides.example/1',
        speakers: [{ name: 'Ada 1' }, { name: 'Bo 1' }],
        projects: [{ name: 'Loom' }, { name: 'Shuttle' }],
      },
      userErrors: [],
    });
    const kept = await talk(keep);
    expect(kept.externalIds).toEqual([{ source: 'frab:tm', id: '1' }]);
    expect(kept.merges).toEqual([
      {
        id: expect.any(String),
        rule: 'EDITOR',
        absorbedTitle: 'Warp & weft 1 (recording)',
        // Stored as JSON, the lines come in its order of keys.
        evidence: [`kept: ${keep}`, 'reason: the same talk, filmed', `duplicate: ${duplicate}`],
        source: null,
        mergedBy: 'alice',
        undoneAt: null,
      },
    ]);
    expect(await talk(duplicate)).toBeNull();
    const sources = await sql(
      `SELECT s.uri FROM record_source rs JOIN source s ON s.id = rs.source_id WHERE rs.record_type = 'Talk' AND rs.record_id = $1 ORDER BY s.uri`,
      [(await sql<{ id: number }>(`SELECT id FROM talk WHERE title = 'Warp & weft 1 (recording)'`))[0].id],
    );
    expect(sources).toEqual([{ uri: 'test://tm1a' }, { uri: 'test://tm1b' }]);
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });
    expect(
      await sql(`SELECT operation, record_type, actor, after IS NULL AS gone FROM audit_log WHERE operation = 'talkMerge' ORDER BY id`),
    ).toEqual([
      { operation: 'talkMerge', record_type: 'Talk', actor: 'alice', gone: true },
      { operation: 'talkMerge', record_type: 'Talk', actor: 'alice', gone: false },
    ]);
  });

  it('refuses bad input with a user error and changes nothing', async () => {
    const { keep, duplicate } = await twoRecords(2);
    const before = await graphRows(sql);
    expect((await merge({ keep, duplicate: toGlobalId('Talk', 999999) })).userErrors).toEqual([
      { field: ['input', 'duplicate'], message: 'No talk found.', code: 'NOT_FOUND' },
    ]);
    expect((await merge({ keep: toGlobalId('Speaker', 1), duplicate })).userErrors).toEqual([
      { field: ['input', 'keep'], message: expect.stringMatching(/belongs to a Speaker, not a Talk/), code: 'INVALID' },
    ]);
    expect((await merge({ keep, duplicate: 'not an id' })).userErrors).toEqual([
      { field: ['input', 'duplicate'], message: expect.stringMatching(/is not a valid ID/), code: 'INVALID' },
    ]);
    expect((await merge({ keep, duplicate: keep })).userErrors).toEqual([
      { field: ['input', 'duplicate'], message: 'A talk cannot be merged into itself.', code: 'INVALID' },
    ]);
    expect((await merge({ keep, duplicate, evidence: 'x'.repeat(20_001) })).userErrors).toEqual([
      { field: ['input', 'evidence'], message: 'evidence may be at most 20000 characters', code: 'INVALID' },
    ]);
    expect(await graphRows(sql)).toEqual(before);
  });

  it('is for editors only', async () => {
    const { keep, duplicate } = await twoRecords(3);
    const anonymous = await kit.server.gql(MERGE, { input: { keep, duplicate } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await kit.server.gql(`query($id: ID!) { talk(id: $id) { merges { id } } }`, { id: keep });
    expect(reader.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('talkUnmerge', () => {
  it('brings the absorbed talk back with exactly what it had, and the kept one as it was', async () => {
    const { keep, duplicate } = await twoRecords(4);
    const before = await graphRows(sql);
    await merge({ keep, duplicate });
    const [record] = (await talk(keep)).merges;
    const undone = await unmerge(record.id);
    expect(undone).toEqual({
      talk: { id: duplicate, title: 'Warp & weft 4 (recording)', speakers: [{ name: 'Ada 4' }, { name: 'Bo 4' }] },
      userErrors: [],
    });
    expect(await graphRows(sql)).toEqual(before);
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });
    expect((await talk(keep)).merges[0].undoneAt).not.toBeNull();
    expect((await unmerge(record.id)).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'This merge was undone already; there is nothing to undo.', code: 'INVALID' },
    ]);
  });

  it('moves the values each source gave the absorbed talk, the rule choosing the title, and takes them back on undo', async () => {
    const { keep, duplicate } = await twoRecords(10);
    const TITLES = `query($id: ID!) { talk(id: $id) { title factValues(field: TITLE) { value chosen source { uri } } } }`;
    const titles = async (id: string) => (await kit.server.gql(TITLES, { id }, kit.editor)).data.talk;
    const byUri = (values: { source: { uri: string } }[]) => [...values].sort((a, b) => a.source.uri.localeCompare(b.source.uri));
    const before = { kept: await titles(keep), absorbed: await titles(duplicate) };
    const merged = await merge({ keep, duplicate });
    expect(merged.userErrors).toEqual([]);
    const after = await titles(keep);
    // Both values are the kept talk's now; the rule chooses between them (the later document's, as
    // neither is an editor's or more specific), and the column holds what it chose.
    expect(after.title).toBe('Warp & weft 10 (recording)');
    expect(byUri(after.factValues)).toEqual([
      { value: 'Warp and weft 10', chosen: false, source: { uri: 'test://tm10a' } },
      { value: 'Warp & weft 10 (recording)', chosen: true, source: { uri: 'test://tm10b' } },
    ]);
    const [{ id: mergeId }] = (await talk(keep)).merges;
    expect((await unmerge(mergeId)).userErrors).toEqual([]);
    expect(await titles(keep)).toEqual(before.kept);
    expect(await titles(duplicate)).toEqual(before.absorbed);
  });

  it('gives a withdrawn talk its links back where a withdrawn talk keeps them', async () => {
    const { keep, duplicate } = await twoRecords(5);
    await sql(`UPDATE talk SET withdrawn_at = now() WHERE title = 'Warp & weft 5 (recording)'`);
    const before = await graphRows(sql);
    await merge({ keep, duplicate });
    // Merged into a talk in force, its links count again.
    expect((await talk(keep)).speakers).toEqual([{ name: 'Ada 5' }, { name: 'Bo 5' }]);
    expect(await derivedDrift(sql)).toEqual({ cards: 0, tallies: {} });
    expect((await unmerge((await talk(keep)).merges[0].id)).userErrors).toEqual([]);
    expect(await graphRows(sql)).toEqual(before);
  });

  it('refuses a merge that is unknown, of another kind, or superseded, and changes nothing', async () => {
    expect((await unmerge(toGlobalId('TalkMerge', 999999))).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'No merge of talks has this ID.', code: 'NOT_FOUND' },
    ]);
    expect((await unmerge(toGlobalId('SpeakerMerge', 1))).userErrors).toEqual([
      { field: ['input', 'merge'], message: expect.stringMatching(/belongs to a SpeakerMerge, not a TalkMerge/), code: 'INVALID' },
    ]);
    // A speaker merge's row under a TalkMerge ID is no merge of talks.
    await write('test://tm6s', page('tm6s', '2024-05-06', [{ title: 'Solo', speakers: [{ name: 'Cy Six' }, { name: 'C. Six' }] }]));
    const people = await sql<{ id: number }>(`SELECT id FROM speaker WHERE name IN ('Cy Six', 'C. Six') ORDER BY id`);
    await kit.server.gql(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { userErrors { code } } }`,
      { input: { speaker: toGlobalId('Speaker', people[0].id), duplicate: toGlobalId('Speaker', people[1].id) } },
      kit.editor,
    );
    const [{ id: speakerMergeId }] = await sql<{ id: number }>(
      `SELECT id FROM merge_evidence WHERE kind = 'SPEAKER' ORDER BY id DESC LIMIT 1`,
    );
    expect((await unmerge(toGlobalId('TalkMerge', speakerMergeId))).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'No merge of talks has this ID.', code: 'NOT_FOUND' },
    ]);

    // The kept talk deleted since: nothing to give back from.
    const gone = await twoRecords(7);
    await merge(gone);
    const [goneMerge] = (await talk(gone.keep)).merges;
    await kit.server.gql(`mutation($id: ID!) { talkDelete(id: $id) { userErrors { code } } }`, { id: gone.keep }, kit.editor);
    let before = await graphRows(sql);
    expect((await unmerge(goneMerge.id)).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'The kept talk was deleted or merged into another since; undo that first.', code: 'INVALID' },
    ]);
    expect(await graphRows(sql)).toEqual(before);

    // The absorbed talk's event deleted since: nowhere to come back to.
    const orphan = await twoRecords(8);
    await merge(orphan);
    const [orphanMerge] = (await talk(orphan.keep)).merges;
    await sql(`DELETE FROM event WHERE slug = 'tm8b'`);
    before = await graphRows(sql);
    expect((await unmerge(orphanMerge.id)).userErrors).toEqual([
      {
        field: ['input', 'merge'],
        message: "The absorbed talk's event was deleted or merged into another since; undo that first (`eventUnmerge`).",
        code: 'INVALID',
      },
    ]);
    expect(await graphRows(sql)).toEqual(before);

    // Another talk of the absorbed one's event took its title since.
    const taken = await twoRecords(9);
    await merge(taken);
    const [takenMerge] = (await talk(taken.keep)).merges;
    await sql(
      `UPDATE talk SET title = 'Warp & weft 9 (recording)', title_key = (SELECT title_key FROM jsonb_to_record((SELECT absorbed -> 'row' FROM merge_evidence WHERE id = $1)) AS r(title_key text)) WHERE title = 'Other 9'`,
      [Number(Buffer.from(takenMerge.id, 'base64url').toString().split(':')[1])],
    );
    before = await graphRows(sql);
    expect((await unmerge(takenMerge.id)).userErrors).toEqual([
      {
        field: ['input', 'merge'],
        message: 'Another talk of its event is now titled "Warp & weft 9 (recording)"; rename or merge it before undoing this merge.',
        code: 'INVALID',
      },
    ]);
    expect(await graphRows(sql)).toEqual(before);
  });
});
