import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, type GraphQLObjectType, type GraphQLSchema, isLeafType, isListType, isNonNullType, isObjectType } from 'graphql';
import { builtInDataset } from '../../src/dataset/seed';
import { createSchema } from '../../src/api/schema';
import { startTestServer, type TestServer } from '../helpers/test-server';

// A page of talks reads only the talk columns the query selects, and brings each talk's event,
// credits and projects along in its own statement when the query selects them, again with only
// the columns selected. These tests check that what
// arrives that way answers every field exactly as the loaders do on their own (through
// `nodes(ids:)`, which pages nothing), in the same order.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasets: builtInDataset });
}, 120_000);
afterAll(() => server?.close());

/**
 * Every field of `type` that needs no arguments and is a value, a list of values or a single
 * object (that object's value fields), read from the schema: embedded rows carry only the columns
 * a query selects, so this checks that each field still finds what it needs.
 */
function everyField(schema: GraphQLSchema, name: string, depth = 1): string {
  const type = schema.getType(name) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    // Editors' fields (fact values, merges) say so in their description; this test reads anonymously.
    if (/Needs an EDITOR/.test(field.description ?? '')) continue;
    const named = getNamedType(field.type);
    const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && isObjectType(named) && !named.name.endsWith('Connection') && !(list && 'id' in named.getFields())) {
      parts.push(`${field.name} { ${everyField(schema, named.name, depth - 1)} }`);
    }
  }
  return parts.join(' ');
}

let TALK_FIELDS: string;
beforeAll(async () => {
  const schema = await createSchema();
  TALK_FIELDS = `${everyField(schema, 'Talk')} event { ${everyField(schema, 'Event')} } credits { role speaker { ${everyField(schema, 'Speaker')} } } speakers { id name } projects { ${everyField(schema, 'Project')} }`;
});

describe('relations embedded in a page of talks', () => {
  it('equal what the loaders read on their own, for every talk', async () => {
    let after: string | null = null;
    let pages = 0;
    do {
      const paged: any = await server.gql(
        `query($after: String) { talks(first: 5, after: $after) { pageInfo { endCursor hasNextPage } nodes { ${TALK_FIELDS} } } }`,
        { after },
      );
      expect(paged.errors).toBeUndefined();
      const talks = paged.data.talks.nodes as { id: string }[];

      const looked = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Talk { ${TALK_FIELDS} } } }`, {
        ids: talks.map((t) => t.id),
      });
      expect(looked.errors).toBeUndefined();
      expect(looked.data.nodes).toEqual(talks);
      // The loader path ran statements of its own for events, credits and projects; the page did not.
      expect(paged.extensions!.sqlStatements!).toBeLessThanOrEqual(looked.extensions!.sqlStatements! - 3);
      after = paged.data.talks.pageInfo.hasNextPage ? paged.data.talks.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBeGreaterThan(10);
    // The fields really were every field: a few that only some selections need.
    expect(TALK_FIELDS).toMatch(/community \{ [^}]*name/);
    expect(TALK_FIELDS).toMatch(/links \{/);
    expect(TALK_FIELDS).toMatch(/aliases/);
    expect(TALK_FIELDS).toMatch(/abstract .*slidesUrl/);
  });

  it('are read through `edges { node }` and fragments too, and only when selected', async () => {
    const fragment = await server.gql(
      `{ talks(first: 20) { edges { node { ...T } } } } fragment T on Talk { ... on Talk { title projects { slug } } }`,
    );
    expect(fragment.errors).toBeUndefined();
    expect(fragment.extensions?.sqlStatements).toBe(1);
    const plain = await server.gql(`{ talks(first: 20) { nodes { title projects { slug } } } }`);
    expect(fragment.data.talks.edges.map((e: { node: unknown }) => e.node)).toEqual(plain.data.talks.nodes);

    // A page that selects none of them brings none: its rows are the talks' own columns only.
    const bare = await server.gql(`{ talks(first: 20) { nodes { title } } }`);
    expect(bare.extensions?.sqlStatements).toBe(1);
    const separately = await server.gql(`{ talks(first: 20) { nodes { title } } t2: talks(first: 20) { nodes { event { slug } } } }`);
    expect(separately.extensions?.sqlStatements).toBe(2);
  });

  it('under a parent, one statement for the pages of every parent', async () => {
    const response = await server.gql(
      `{ projects(first: 20) { nodes { slug talks(first: 3) { nodes { title event { slug } speakers { name } projects { slug } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    // The projects page, then the talk pages of all 20 projects with their relations.
    expect(response.extensions?.sqlStatements).toBe(2);
    const covered = response.data.projects.nodes.filter((p: { talks: { nodes: unknown[] } }) => p.talks.nodes.length > 0);
    expect(covered.length).toBeGreaterThan(3);
    for (const project of covered) {
      for (const talk of project.talks.nodes) expect(talk.projects.map((p: { slug: string }) => p.slug)).toContain(project.slug);
    }
  });
});

describe('an event looked up by slug brings its community', () => {
  it('with every field as the community loader reads it, and no statement of its own', async () => {
    const schema = await createSchema();
    const COMMUNITY = everyField(schema, 'Community');
    const { events } = await server.data(`{ events(first: 100) { nodes { slug community { id } } } }`);
    expect(events.nodes.length).toBeGreaterThan(1);
    for (const { slug, community } of events.nodes) {
      const bySlug: any = await server.gql(`query($slug: String!) { event(slug: $slug) { slug community { ${COMMUNITY} } } }`, { slug });
      expect(bySlug.errors).toBeUndefined();
      expect(bySlug.extensions?.sqlStatements, `event ${slug} with its community`).toBe(1);
      const byId: any = await server.gql(`query($id: ID!) { node(id: $id) { ... on Community { ${COMMUNITY} } } }`, { id: community.id });
      expect(bySlug.data.event.community).toEqual(byId.data.node);
    }
    expect(COMMUNITY).toMatch(/createdAt|slug/);
    // An unknown slug is still null, with no community read.
    const missing: any = await server.gql(`{ event(slug: "no-such-event") { community { name } } }`);
    expect(missing.data.event).toBeNull();
  });
});
