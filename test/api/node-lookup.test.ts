import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
/** IDs of the seed's objects, by type, as the API gives them. */
let ids: Record<'Community' | 'Project' | 'Event' | 'Talk' | 'Speaker' | 'Source', string[]>;

/** A global ID made by hand, for keys and types the API never gave out. */
const madeId = (type: string, key: number) => Buffer.from(`${type}:${key}`).toString('base64url');

// Every column-backed field of every type, so a lookup that read a row differently would show.
const TYPE_FIELDS = {
  Community: 'slug name url timeZone',
  Project: 'slug name description repositoryUrl homepageUrl',
  Event: 'slug title series startsAt endsAt timeZone format city venue description coverUrl tags links { kind url }',
  Talk: 'title abstract kind startsAt endsAt slidesUrl videoUrl position withdrawnAt',
  Speaker: 'name alias affiliation jobTitle: title bio',
  Source: 'sourceKind: kind timeZone licence status lastSyncedAt',
};
/** The selection of `types`' fields, valid wherever an object of one of them may stand. */
const fieldsOf = (...types: (keyof typeof TYPE_FIELDS)[]) =>
  `__typename id createdAt updatedAt ${types.map((type) => `... on ${type} { ${TYPE_FIELDS[type]} }`).join(' ')}`;
const FIELDS = fieldsOf('Community', 'Project', 'Event', 'Talk', 'Speaker', 'Source');

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer();
  editor = await keyHeaders(server, Role.EDITOR, 'node-lookup');
  const admin = await keyHeaders(server, Role.ADMIN, 'node-lookup-admin');
  const seed = await server.data(`{
    communities { id }
    projects(first: 3) { nodes { id } }
    events(first: 3) { nodes { id } }
    talks(first: 4) { nodes { id } }
    speakers(first: 3) { nodes { id } }
  }`);
  const source = await server.data(
    `mutation($input: SourceRegisterInput!) { sourceRegister(input: $input) { source { id } userErrors { code } } }`,
    {
      input: {
        kind: 'ICALENDAR',
        location: 'https://example.org/talks.ics',
        community: seed.communities[0].id,
        timeZone: 'UTC',
        licence: 'CC0-1.0',
      },
    },
    admin,
  );
  const list = (connection: { nodes: { id: string }[] }) => connection.nodes.map((n) => n.id);
  ids = {
    Community: seed.communities.map((c: { id: string }) => c.id),
    Project: list(seed.projects),
    Event: list(seed.events),
    Talk: list(seed.talks),
    Speaker: list(seed.speakers),
    Source: [source.sourceRegister.source.id],
  };
});
afterAll(() => server?.close());

/** Each object as its own type's field gives it (not through `node`), by ID. */
async function byOwnFields(): Promise<Map<string, unknown>> {
  const own = new Map<string, unknown>();
  for (const [type, root] of [
    ['Talk', 'talk'],
    ['Speaker', 'speaker'],
  ] as const)
    for (const id of ids[type]) own.set(id, (await server.data(`query($id: ID!) { o: ${root}(id: $id) { ${fieldsOf(type)} } }`, { id })).o);
  const lists = await server.data(
    `{
      communities { ${fieldsOf('Community')} }
      projects(first: 100) { nodes { ${fieldsOf('Project')} } }
      events(first: 100) { nodes { ${fieldsOf('Event')} } }
      sources(first: 100) { nodes { ${fieldsOf('Source')} } }
    }`,
    {},
    editor,
  );
  for (const node of [...lists.communities, ...lists.projects.nodes, ...lists.events.nodes, ...lists.sources.nodes]) own.set(node.id, node);
  return own;
}

describe('nodes(ids:)', () => {
  it('reads objects of every type in one statement, as their own fields give them, in the order given', async () => {
    const asked = [
      ids.Talk[0],
      ids.Speaker[0],
      ids.Event[0],
      ids.Project[0],
      ids.Community[0],
      ids.Source[0],
      ids.Talk[1],
      ids.Speaker[1],
      ids.Project[1],
      ids.Talk[2],
    ];
    const response = await server.gql(NODES, { ids: asked });
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.sqlStatements).toBe(1);
    const own = await byOwnFields();
    expect(response.data.nodes).toEqual(asked.map((id) => own.get(id)));
    // Reversed, the same objects in the reversed order.
    expect((await server.data(NODES, { ids: [...asked].reverse() })).nodes).toEqual([...response.data.nodes].reverse());
  });

  it('gives null for unknown keys and for types with no objects, and the same object for a repeated ID', async () => {
    const asked = [
      ids.Talk[0],
      madeId('Talk', 999_999),
      ids.Talk[0],
      madeId('Speaker', 999_999),
      madeId('ApiKey', 1),
      madeId('Widget', 1),
      ids.Speaker[0],
    ];
    const response = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: asked });
    expect(response.errors).toBeUndefined();
    expect(response.data.nodes).toEqual([{ id: ids.Talk[0] }, null, { id: ids.Talk[0] }, null, null, null, { id: ids.Speaker[0] }]);
    expect(response.extensions?.sqlStatements).toBe(1);
    // Of no type with objects, nothing is read.
    const none = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [madeId('Widget', 1), madeId('ApiKey', 1)] });
    expect(none.data.nodes).toEqual([null, null]);
    expect(none.extensions?.sqlStatements).toBe(0);
  });

  it("hands what it read to the request's loaders: a talk's event among the IDs costs no statement of its own", async () => {
    const { talk } = await server.data(`query($id: ID!) { talk(id: $id) { event { id title } } }`, { id: ids.Talk[0] });
    const response = await server.gql(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Talk { event { id title } } ... on Event { title } } }`,
      { ids: [ids.Talk[0], talk.event.id] },
    );
    expect(response.data.nodes).toEqual([
      { id: ids.Talk[0], event: talk.event },
      { id: talk.event.id, title: talk.event.title },
    ]);
    expect(response.extensions?.sqlStatements).toBe(1);
  });

  it('reads the IDs of node(id:) and nodes(ids:) beside it in the same statement', async () => {
    const response = await server.gql(
      `query($ids: [ID!]!, $a: ID!, $b: ID!) { a: node(id: $a) { id } nodes(ids: $ids) { id } b: node(id: $b) { id } }`,
      { ids: [ids.Talk[1], ids.Event[0]], a: ids.Speaker[0], b: madeId('Project', 999_999) },
    );
    expect(response.data).toEqual({ a: { id: ids.Speaker[0] }, nodes: [{ id: ids.Talk[1] }, { id: ids.Event[0] }], b: null });
    expect(response.extensions?.sqlStatements).toBe(1);
  });

  it('refuses the whole list for a malformed ID, naming it, before reading anything', async () => {
    const response = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: [ids.Talk[0], '!!not-an-id!!', ids.Speaker[0]],
    });
    expect(response.data).toBeNull();
    expect(response.errors?.[0].message).toMatch(/"!!not-an-id!!" is not a valid ID/);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.extensions?.sqlStatements).toBe(0);
  });

  it('takes 100 IDs in one statement and refuses 101 before reading anything', async () => {
    const types = ['Talk', 'Speaker', 'Event', 'Project'] as const;
    const hundred = Array.from({ length: 100 }, (_, i) =>
      i % 5 === 4 ? madeId(types[i % 4], 10_000 + i) : ids[types[i % 4]][i % ids[types[i % 4]].length],
    );
    const full = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: hundred });
    expect(full.errors).toBeUndefined();
    expect(full.data.nodes).toEqual(hundred.map((id, i) => (i % 5 === 4 ? null : { id })));
    expect(full.extensions?.sqlStatements).toBe(1);
    const over = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [...hundred, ids.Talk[0]] });
    expect(over.data).toBeNull();
    expect(over.errors?.[0].message).toBe('`ids` may hold at most 100 IDs, not 101.');
    expect(over.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(over.extensions?.sqlStatements).toBe(0);
  });

  it("keeps a source's location to editors, as its own list does", async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Source { kind location } } }`;
    const anonymous = await server.gql(query, { ids: [ids.Source[0], ids.Talk[0]] });
    expect(anonymous.data.nodes).toEqual([null, { id: ids.Talk[0] }]);
    expect(anonymous.errors?.map((e) => e.path)).toEqual([['nodes', 0, 'location']]);
    const withKey = await server.data(query, { ids: [ids.Source[0]] }, editor);
    expect(withKey.nodes).toEqual([{ id: ids.Source[0], kind: 'ICALENDAR', location: 'https://example.org/talks.ics' }]);
  });

  it('gives a withdrawn talk as talk(id:) does', async () => {
    const withdrawn = ids.Talk[3];
    const [{ key }] = await server.db.query<{ key: number }>(`UPDATE talk SET withdrawn_at = now() WHERE id = $1 RETURNING id AS key`, [
      Number(Buffer.from(withdrawn, 'base64url').toString().split(':')[1]),
    ]);
    expect(key).toBeGreaterThan(0);
    const own = (await server.data(`query($id: ID!) { talk(id: $id) { ${fieldsOf('Talk')} } }`, { id: withdrawn })).talk;
    expect(own.withdrawnAt).not.toBeNull();
    expect((await server.data(NODES, { ids: [withdrawn, ids.Talk[0]] })).nodes[0]).toEqual(own);
  });
});
