import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFacts } from '../../src/ingest/write-facts';
import { generatedFacts } from '../fixtures/generated-facts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.db.transaction((_m, sql) => writeFacts(sql, generatedFacts(12, 5)));
});
afterAll(() => server?.close());

describe('per-request loaders', () => {
  it('answers 50 talks with their event, speakers and projects in one statement', async () => {
    const response = await server.gql(`{
      talks(first: 50, filter: { communities: ["testcom"] }) { nodes { title event { title city } speakers { name } projects { slug } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.talks.nodes).toHaveLength(50);
    expect(
      response.data.talks.nodes.every((t: { speakers: unknown[]; projects: unknown[] }) => t.speakers.length > 0 && t.projects.length > 0),
    ).toBe(true);
    // The talks page brings each talk's event, credits and projects along: one statement.
    expect(response.extensions?.sqlStatements).toBe(1);
  });

  it('adds one statement per extra relation level, whatever the page size', async () => {
    const response = await server.gql(`{
      talks(first: 50) { totalCount nodes { title event { community { slug } } credits { role speaker { name } } projects { slug aliases } } }
    }`);
    expect(response.errors).toBeUndefined();
    // page (with events, credits and projects), count, communities, aliases.
    expect(response.extensions?.sqlStatements).toBe(4);
  });

  it('batches nested connections: the talks of every project in one statement, not one per project', async () => {
    const response = await server.gql(`{
      projects(first: 10) { nodes { slug talks(first: 3) { totalCount nodes { title event { slug } } } speakers(first: 2) { nodes { name } } } }
    }`);
    expect(response.errors).toBeUndefined();
    const projects = response.data.projects.nodes;
    expect(projects.length).toBeGreaterThanOrEqual(10);
    // projects page, talks pages, talk counts, events, speakers pages: the same number of statements for 10 projects as for 1.
    expect(response.extensions?.sqlStatements).toBeLessThanOrEqual(5);
  });

  it('keeps the statement count flat as the number of rows grows', async () => {
    const query = (n: number) =>
      `{ events(first: ${n}) { nodes { title talks(first: 5) { nodes { title speakers { name events(first: 2) { nodes { slug } } } } } } } }`;
    const small = await server.gql(query(1));
    const large = await server.gql(query(12));
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
  });
});
