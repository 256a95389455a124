import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('connections', () => {
  it('read only the count when only totalCount is asked', async () => {
    const counted = await server.gql(`{ project(slug: "seata") { talks { totalCount } } }`);
    expect(counted.errors).toBeUndefined();
    expect(counted.data.project.talks.totalCount).toBe(1);
    // The project, then its count: no page of talks is read.
    expect(counted.extensions?.sqlStatements).toBe(2);

    // The project with its first page of talks (one statement, see root-with-page.test.ts), then the count.
    const paged = await server.gql(`{ project(slug: "seata") { talks { totalCount nodes { title } } } }`);
    expect(paged.data.project.talks.nodes).toHaveLength(1);
    expect(paged.extensions?.sqlStatements).toBe(2);
  });

  it("bring a project's aliases with the project when it is looked up by name", async () => {
    const response = await server.gql(`{ project(slug: "seata") { name aliases } }`);
    expect(response.errors).toBeUndefined();
    const [{ aliases }] = await server.db.query<{ aliases: string[] }>(
      `SELECT array(SELECT a.alias FROM project_alias a JOIN project p ON p.id = a.project_id WHERE p.slug = 'seata' ORDER BY a.alias) AS aliases`,
    );
    expect(aliases.length).toBeGreaterThan(0);
    expect(response.data.project).toEqual({ name: 'Seata', aliases });
    expect(response.extensions?.sqlStatements).toBe(1);
    // By ID, the aliases are a statement of their own, with the same answer.
    const byId = await server.gql(`query($id: ID!) { node(id: $id) { ... on Project { aliases } } }`, {
      id: (await server.data(`{ project(slug: "seata") { id } }`)).project.id,
    });
    expect(byId.data.node.aliases).toEqual(aliases);
    expect(byId.extensions?.sqlStatements).toBe(2);
  });

  it('read only the page when totalCount is not asked', async () => {
    const response = await server.gql(`{ project(slug: "seata") { talks { pageInfo { hasNextPage } edges { cursor } } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.project.talks.pageInfo.hasNextPage).toBe(false);
    // The project and its page in one statement, and no count.
    expect(response.extensions?.sqlStatements).toBe(1);
    const byId = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on Project { talks { pageInfo { hasNextPage } edges { cursor } } } } }`,
      { id: response.data.project.id ?? (await server.data(`{ project(slug: "seata") { id } }`)).project.id },
    );
    expect(byId.data.node.talks).toEqual(response.data.project.talks);
    // Looked up by ID, the project and its page are a statement each; still no count.
    expect(byId.extensions?.sqlStatements).toBe(2);
  });

  it('run one statement per list level and relation, however many parents and rows', async () => {
    const response = await server.gql(`{
      projects(first: 30) { nodes { slug talks(first: 5) { totalCount nodes { title event { title } speakers { name } projects { slug } } } } }
    }`);
    expect(response.errors).toBeUndefined();
    const projects = response.data.projects.nodes as { talks: { nodes: unknown[] } }[];
    expect(projects.length).toBeGreaterThan(1);
    expect(projects.filter((p) => p.talks.nodes.length > 0).length).toBeGreaterThan(1);
    // The projects page, then the talks pages of every project (with events, speakers and
    // projects) and their counts, asked in the same tick, in one statement.
    expect(response.extensions?.sqlStatements).toBe(2);
    // The counts that come with the pages equal those counted alone.
    const alone = await server.gql(`{ projects(first: 30) { nodes { slug talks(first: 5) { totalCount } } } }`);
    expect(alone.extensions?.sqlStatements).toBe(2);
    expect(alone.data.projects.nodes).toEqual(
      response.data.projects.nodes.map((p: any) => ({ slug: p.slug, talks: { totalCount: p.talks.totalCount } })),
    );
    expect(projects.some((p: any) => p.talks.totalCount > 0)).toBe(true);
  });
});
