import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInDataset } from '../../src/dataset/seed';
import { startTestServer, type TestServer } from '../helpers/test-server';

// `project(slug:) { talks }` and `event(slug:) { talks }` look the project or event up and read
// the first page of its talks in one statement. These tests check that the answer is exactly the
// ordinary path's (through `node(id:)`, which looks the object up alone and pages its talks in a
// statement of their own), for every project and event of the built-in dataset and for every kind
// of page arguments, and that it takes one statement.

let server: TestServer;
beforeAll(async () => {
  // Every project and event, each with eight kinds of page, three ways: more than an address may send in a minute.
  server = await startTestServer({ datasets: builtInDataset, env: { RATE_LIMIT_PER_ADDRESS: '100000' } });
}, 120_000);
afterAll(() => server?.close());

const TALK = `id title startsAt endsAt position kind slidesUrl videoUrl event { id slug title startsAt city } speakers { id name alias affiliation } projects { id slug name }`;
const PAGE = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${TALK} } }`;
const PROJECT = `id slug name description repositoryUrl homepageUrl aliases community { slug name }`;
const EVENT = `id slug title startsAt endsAt timeZone city venue format series links { kind url title } community { id slug name }`;

/** Page arguments of every kind, the cursors taken from the object's own default page. */
function argumentSets(cursors: string[]): Record<string, unknown>[] {
  const sets: Record<string, unknown>[] = [
    {},
    { first: 2 },
    { last: 2 },
    { first: 3, orderBy: { field: 'TITLE', direction: 'ASC' } },
    { first: 4, filter: { hasSlides: true } },
    { first: 3, filter: { from: '2019-01-01T00:00:00.000Z', projects: ['seata', 'mosn'] } },
  ];
  if (cursors.length > 1) sets.push({ first: 2, after: cursors[0] }, { last: 1, before: cursors.at(-1) });
  return sets;
}

async function compare(kind: 'project' | 'event', slug: string, id: string, fields: string) {
  const type = kind === 'project' ? 'Project' : 'Event';
  const selection = `${fields} talks(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy, filter: $filter) { ${PAGE} }`;
  const variables = `$first: Int, $last: Int, $after: String, $before: String, $orderBy: TalkOrder, $filter: TalkFilter`;
  const byRoot = `query($slug: String!, ${variables}) { ${kind}(slug: $slug) { ${selection} } }`;
  const byNode = `query($id: ID!, ${variables}) { node(id: $id) { ... on ${type} { ${selection} } } }`;
  const first = await server.gql(byRoot, { slug });
  expect(first.errors).toBeUndefined();
  const cursors = first.data[kind].talks.edges.map((edge: { cursor: string }) => edge.cursor);
  for (const args of argumentSets(cursors)) {
    // With no other relation of the root and without totalCount, the root's statement is the only one.
    const lean = await server.gql(byRoot.replace(fields, 'id slug').replace('totalCount ', ''), { slug, ...args });
    expect(lean.errors).toBeUndefined();
    expect(lean.extensions?.sqlStatements, `${kind} ${slug} ${JSON.stringify(args)}`).toBe(1);
    const together = await server.gql(byRoot, { slug, ...args });
    const apart = await server.gql(byNode, { id, ...args });
    expect(apart.errors).toBeUndefined();
    expect(together.data[kind], `${kind} ${slug} ${JSON.stringify(args)}`).toEqual(apart.data.node);
  }
}

describe('a root looked up with the first page of its talks', () => {
  it('answers exactly as the ordinary path, for every project and every kind of page', async () => {
    const projects = await server.data(`{ projects(first: 100) { nodes { id slug } } }`);
    expect(projects.projects.nodes.length).toBeGreaterThan(10);
    for (const project of projects.projects.nodes) await compare('project', project.slug, project.id, PROJECT);
  }, 120_000);

  it('answers exactly as the ordinary path, for every event and every kind of page', async () => {
    const events = await server.data(`{ events(first: 100) { nodes { id slug } } }`);
    expect(events.events.nodes.length).toBeGreaterThan(10);
    for (const event of events.events.nodes) await compare('event', event.slug, event.id, EVENT);
  }, 120_000);

  it('finds a project by any name or alias, and looks several up in one statement', async () => {
    const response = await server.gql(`{
      a: project(slug: "Seata") { slug talks(first: 2) { nodes { id title } } }
      b: project(slug: "fescar") { slug talks(first: 2) { nodes { id title } } }
      c: project(slug: "SOFA Boot") { slug talks(first: 2) { nodes { id title } } }
      d: project(slug: "no-such-project") { slug talks(first: 2) { nodes { id title } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.a.slug).toBe('seata');
    expect(response.data.b).toEqual(response.data.a);
    expect(response.data.c.slug).toBe('sofaboot');
    expect(response.data.a.talks.nodes.length).toBe(2);
    expect(response.data.d).toBeNull();
    expect(response.extensions?.sqlStatements).toBe(1);
  });

  it('leaves bad page arguments to the list field, which reports them on its own path (its parent is null, the connection being non-null)', async () => {
    for (const [args, message] of [
      ['first: 0', '`first` must be between 1 and 100, not 0.'],
      ['first: 2, after: "not-a-cursor"', '`after` is not a cursor of this list'],
    ] as const) {
      const response = await server.gql(`{ project(slug: "seata") { slug talks(${args}) { nodes { id } } } }`);
      expect(response.data, args).toEqual({ project: null });
      expect(response.errors?.[0].path).toEqual(['project', 'talks']);
      expect(response.errors?.[0].message).toContain(message);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('takes the ordinary path when the list is selected under a directive or twice with different arguments', async () => {
    const skipped = await server.gql(
      `query($skip: Boolean!) { project(slug: "seata") { slug talks(first: 2) @skip(if: $skip) { nodes { id } } } }`,
      { skip: true },
    );
    expect(skipped.data.project).toEqual({ slug: 'seata' });
    expect(skipped.extensions?.sqlStatements).toBe(1);
    const twice = await server.gql(
      `{ project(slug: "seata") { a: talks(first: 1) { nodes { id } } b: talks(first: 2) { nodes { id } } } }`,
    );
    expect(twice.errors).toBeUndefined();
    expect(twice.data.project.b.nodes[0]).toEqual(twice.data.project.a.nodes[0]);
    expect(twice.data.project.b.nodes).toHaveLength(2);
  });

  it('brings an empty page for a project no talk covered', async () => {
    const lonely = await server.db.query<{ slug: string }>(
      `SELECT slug FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project tp WHERE tp.project_id = p.id) ORDER BY slug LIMIT 1`,
    );
    expect(lonely.length, 'the built-in dataset has a project without talks').toBe(1);
    const response = await server.gql(
      `query($slug: String!) { project(slug: $slug) { slug talks { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
      { slug: lonely[0].slug },
    );
    expect(response.data.project).toEqual({
      slug: lonely[0].slug,
      talks: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] },
    });
  });
});
