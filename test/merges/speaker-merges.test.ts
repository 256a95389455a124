import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { toGlobalId } from '../../src/graphql/global-id';
import type { GraphFacts, SpeakerFact, TalkFact } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  editor = await keyHeaders(server, Role.EDITOR, 'alice');
});
afterAll(() => server?.close());

/** One page of a made-up meetup series: an event with talks and the people on it. */
const page = (slug: string, talks: TalkFact[], speakers: SpeakerFact[] = []): GraphFacts => ({
  communities: [{ slug: 'idc', name: 'Identity Club' }],
  events: [{ slug, title: `Meetup ${slug}`, community: 'idc', talks, speakers }],
});
const write = (uri: string, document: GraphFacts) =>
  server.db.transaction((_m, sql) => writeFacts(sql, document, { uri, contentHash: JSON.stringify(document) }));

const MERGES = `query($name: String!) { speaker(name: $name) { id name alias talks { nodes { title } } merges { id rule absorbedName absorbedAlias evidence source mergedBy undoneAt } } }`;
const person = async (name: string) => (await server.gql(MERGES, { name }, editor)).data.speaker;
const speakerIdsNamed = (key: string) =>
  server.db.query<{ id: number }>(`SELECT id FROM speaker WHERE name_key = $1 OR lower(alias) = $1 ORDER BY id`, [key]);
const UNMERGE = `mutation($input: SpeakerUnmergeInput!) { speakerUnmerge(input: $input) { speaker { id name alias talks { nodes { title } } } userErrors { field message code } } }`;
const unmerge = async (merge: string) => (await server.gql(UNMERGE, { input: { merge } }, editor)).data.speakerUnmerge;

describe('Speaker.merges', () => {
  it('records an editor merge with its rule, the absorbed record and who made it', async () => {
    await write('test://a1', page('a1', [{ title: 'Ledgers at rest', speakers: [{ name: 'Quill Marrow' }] }]));
    await write('test://a2', page('a2', [{ title: 'Ledgers in motion', speakers: [{ name: 'Q. Marrow' }] }]));
    const [kept, dup] = [await person('Quill Marrow'), await person('Q. Marrow')];
    const merged = await server.gql(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { speaker { alias } userErrors { code } } }`,
      { input: { speaker: kept.id, duplicate: dup.id } },
      editor,
    );
    expect(merged.data.speakerMerge).toEqual({ speaker: { alias: 'Q. Marrow' }, userErrors: [] });
    const after = await person('Quill Marrow');
    expect(after.merges).toEqual([
      {
        id: expect.any(String),
        rule: 'EDITOR',
        absorbedName: 'Q. Marrow',
        absorbedAlias: null,
        evidence: [`kept: ${kept.id}`, `duplicate: ${dup.id}`],
        source: null,
        mergedBy: 'alice',
        undoneAt: null,
      },
    ]);
    expect(after.talks.nodes.map((t: { title: string }) => t.title).sort()).toEqual(['Ledgers at rest', 'Ledgers in motion']);
  });

  it('is refused to anonymous readers', async () => {
    const response = await server.gql(`{ speaker(name: "Quill Marrow") { name merges { rule } } }`);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('alias linking on import', () => {
  it('merges an alias-only record into the real name when a later source writes both', async () => {
    await write('test://b1', page('b1', [{ title: 'Quiet queues', speakers: [{ name: '白石', alias: '白石' }] }]));
    // Another source knew the real name alone, so resolving cannot just rename the alias record.
    await write('test://b2', page('b2', [{ title: 'Loud queues', speakers: [{ name: '林青山' }] }]));
    const counts = await write('test://b3', page('b3', [{ title: 'Queues at scale', speakers: [{ name: '林青山', alias: '白石' }] }]));
    expect(counts.warnings).toEqual([]);
    expect(await speakerIdsNamed('白石')).toHaveLength(1);
    const lin = await person('白石');
    expect(lin).toMatchObject({ name: '林青山', alias: '白石' });
    expect(lin.talks.nodes.map((t: { title: string }) => t.title).sort()).toEqual(['Loud queues', 'Queues at scale', 'Quiet queues']);
    expect(lin.merges).toEqual([
      {
        id: expect.any(String),
        rule: 'ALIAS_OF_NAME',
        absorbedName: '白石',
        absorbedAlias: '白石',
        evidence: ['name: 林青山', 'alias: 白石', 'absorbed: 白石'],
        source: 'test://b3',
        mergedBy: null,
        undoneAt: null,
      },
    ]);
    // Written again, the page changes nothing and merges nothing more.
    await write(
      'test://b3',
      page('b3', [
        { title: 'Queues at scale', speakers: [{ name: '林青山', alias: '白石' }] },
        { title: 'Queues again', speakers: [{ name: '白石' }] },
      ]),
    );
    expect((await person('林青山')).merges).toHaveLength(1);
  });

  it('merges in the reverse order: an alias-only page after the real name with the alias', async () => {
    await write('test://c1', page('c1', [{ title: 'Cold caches', speakers: [{ name: '周远' }] }]));
    await write('test://c2', page('c2', [{ title: 'Warm caches', speakers: [{ name: '远山' }] }]));
    // The real-name record learns its alias while 远山's own record already exists.
    await server.db.query(`UPDATE speaker SET alias = '远山' WHERE name = '周远'`);
    await write('test://c3', page('c3', [{ title: 'Hot caches', speakers: [{ name: '远山' }] }]));
    expect(await speakerIdsNamed('远山')).toHaveLength(1);
    const zhou = await person('周远');
    expect(zhou.talks.nodes.map((t: { title: string }) => t.title).sort()).toEqual(['Cold caches', 'Hot caches', 'Warm caches']);
    expect(zhou.merges.map((m: { rule: string; source: string }) => [m.rule, m.source])).toEqual([['ALIAS_OF_NAME', 'test://c3']]);
  });

  it('links two records credited on one talk of the same page, credited once', async () => {
    await write('test://d1', page('d1', [{ title: 'Small talk', speakers: [{ name: '青禾' }] }]));
    await write('test://d2', page('d2', [{ title: 'Tall talk', speakers: [{ name: '苏禾' }] }]));
    await write('test://d3', page('d3', [{ title: 'Both talk', speakers: [{ name: '青禾' }, { name: '苏禾', alias: '青禾' }] }]));
    const su = await person('苏禾');
    expect(su.talks.nodes.map((t: { title: string }) => t.title).sort()).toEqual(['Both talk', 'Small talk', 'Tall talk']);
    const credits = await server.db.query(
      `SELECT count(*)::int AS n FROM talk_speaker ts JOIN talk t ON t.id = ts.talk_id WHERE t.title = 'Both talk'`,
    );
    expect(credits).toEqual([{ n: 1 }]);
  });

  it('leaves an alias two people go by unlinked, and data quality counts it', async () => {
    await write('test://e1', page('e1', [{ title: 'Shared one', speakers: [{ name: '岚', alias: '岚' }] }]));
    await write('test://e2', page('e2', [{ title: 'Shared two', speakers: [{ name: '陈一' }, { name: '陈二' }] }]));
    await server.db.query(`UPDATE speaker SET alias = '岚' WHERE name = '陈二'`);
    const counts = await write('test://e3', page('e3', [{ title: 'Shared three', speakers: [{ name: '陈一', alias: '岚' }] }]));
    expect(counts.warnings).toEqual(['"岚" is the alias of "陈一" and "陈二"; its alias-only record is left unlinked.']);
    expect(await speakerIdsNamed('岚')).toHaveLength(3);
    const quality = await server.data(`{ analytics(filter: { communities: ["idc"] }) { dataQuality { speakersWithAmbiguousAlias } } }`);
    expect(quality.analytics.dataQuality.speakersWithAmbiguousAlias).toBe(1);
  });
});

describe('speakerUnmerge', () => {
  it('restores the absorbed record with its credits, and a re-import does not merge them again', async () => {
    await write(
      'test://f1',
      page(
        'f1',
        [{ title: 'Rivers one', speakers: [{ name: '河', alias: '河' }] }],
        [{ name: '河', alias: '河', affiliation: 'Delta Works' }],
      ),
    );
    await write('test://f2', page('f2', [{ title: 'Rivers two', speakers: [{ name: '吴河清' }] }]));
    await write('test://f3', page('f3', [{ title: 'Rivers three', speakers: [{ name: '吴河清', alias: '河' }] }]));
    expect(await server.db.query(`SELECT affiliation FROM speaker WHERE name = '吴河清'`)).toEqual([{ affiliation: 'Delta Works' }]);
    const [merge] = (await person('吴河清')).merges;
    expect(merge.rule).toBe('ALIAS_OF_NAME');
    const undone = await unmerge(merge.id);
    expect(undone.userErrors).toEqual([]);
    expect(undone.speaker).toMatchObject({ name: '河', alias: '河', talks: { nodes: [{ title: 'Rivers one' }] } });
    const kept = await person('吴河清');
    expect(kept.talks.nodes.map((t: { title: string }) => t.title).sort()).toEqual(['Rivers three', 'Rivers two']);
    expect(kept.merges[0].undoneAt).not.toBeNull();
    // The merge filled the kept record's affiliation; undone, it is empty again.
    expect(await server.db.query(`SELECT affiliation FROM speaker WHERE name = '吴河清'`)).toEqual([{ affiliation: null }]);
    const sources = await server.db.query(
      `SELECT s.uri FROM record_source rs JOIN source s ON s.id = rs.source_id JOIN speaker sp ON sp.id = rs.record_id WHERE rs.record_type = 'Speaker' AND sp.name = '河'`,
    );
    expect(sources).toEqual([{ uri: 'test://f1' }]);
    const audit = await server.db.query(`SELECT operation, actor FROM audit_log WHERE operation = 'speakerUnmerge' ORDER BY id`);
    expect(audit).toEqual([
      { operation: 'speakerUnmerge', actor: 'alice' },
      { operation: 'speakerUnmerge', actor: 'alice' },
    ]);

    // The editor's decision stands: the same pages written again keep them apart.
    await write(
      'test://f3',
      page('f3', [
        { title: 'Rivers three', speakers: [{ name: '吴河清', alias: '河' }] },
        { title: 'Rivers four', speakers: [{ name: '河' }] },
      ]),
    );
    expect(await speakerIdsNamed('河')).toHaveLength(2);
    expect((await person('吴河清')).merges).toHaveLength(1);

    // Undoing it twice is refused and changes nothing.
    expect((await unmerge(merge.id)).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'This merge was undone already; there is nothing to undo.', code: 'INVALID' },
    ]);
  });

  it('undoes an editor merge, external ids included', async () => {
    await write(
      'test://g1',
      page(
        'g1',
        [{ title: 'Gears', speakers: [{ name: 'Vesna Pol', externalIds: [{ source: 'frab:g1', id: '7' }] }] }],
        [{ name: 'Vesna Pol', externalIds: [{ source: 'frab:g1', id: '7' }] }],
      ),
    );
    await write('test://g2', page('g2', [{ title: 'Cogs', speakers: [{ name: 'V. Pol' }] }]));
    const [kept, dup] = [await person('V. Pol'), await person('Vesna Pol')];
    await server.gql(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { userErrors { code } } }`,
      { input: { speaker: kept.id, duplicate: dup.id } },
      editor,
    );
    expect(
      await server.db.query(`SELECT s.name FROM external_id x JOIN speaker s ON s.id = x.record_id WHERE x.source = 'frab:g1'`),
    ).toEqual([{ name: 'V. Pol' }]);
    const undone = await unmerge((await person('V. Pol')).merges[0].id);
    expect(undone).toEqual({
      speaker: { id: dup.id, name: 'Vesna Pol', alias: null, talks: { nodes: [{ title: 'Gears' }] } },
      userErrors: [],
    });
    expect(
      await server.db.query(`SELECT s.name FROM external_id x JOIN speaker s ON s.id = x.record_id WHERE x.source = 'frab:g1'`),
    ).toEqual([{ name: 'Vesna Pol' }]);
    expect(await server.db.query(`SELECT alias FROM speaker WHERE name = 'V. Pol'`)).toEqual([{ alias: null }]);
  });

  it('refuses an unknown or malformed merge ID, and a merge superseded by a later edit', async () => {
    expect((await unmerge(toGlobalId('SpeakerMerge', 999999))).userErrors).toEqual([
      { field: ['input', 'merge'], message: 'No merge of speakers has this ID.', code: 'NOT_FOUND' },
    ]);
    expect((await unmerge(toGlobalId('Speaker', 1))).userErrors).toEqual([
      { field: ['input', 'merge'], message: expect.stringMatching(/belongs to a Speaker, not a SpeakerMerge/), code: 'INVALID' },
    ]);

    await write('test://h1', page('h1', [{ title: 'Hinges', speakers: [{ name: 'Orla Fenn' }] }]));
    await write('test://h2', page('h2', [{ title: 'Latches', speakers: [{ name: 'O. Fenn' }] }]));
    const [kept, dup] = [await person('Orla Fenn'), await person('O. Fenn')];
    await server.gql(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { userErrors { code } } }`,
      { input: { speaker: kept.id, duplicate: dup.id } },
      editor,
    );
    const [merge] = (await person('Orla Fenn')).merges;
    // Someone else now has the absorbed name: restoring it would make two people of one name.
    await write('test://h3', page('h3', [{ title: 'Bolts', speakers: [{ name: 'Other' }] }]));
    await server.db.query(`UPDATE speaker SET name = 'O. Fenn', name_key = 'o. fenn' WHERE name = 'Other'`);
    const before = await person('Orla Fenn');
    expect((await unmerge(merge.id)).userErrors).toEqual([
      {
        field: ['input', 'merge'],
        message: 'Another speaker is now named "O. Fenn"; rename or merge it before undoing this merge.',
        code: 'INVALID',
      },
    ]);
    expect(await person('Orla Fenn')).toEqual(before);
  });
});
