import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('Community.projects', () => {
  // Found by the fuzz test: the batched page once aliased its parent list `p`, as `project p` is.
  it('lists the projects a community runs, with their count', async () => {
    const data = await server.data(`{ communities { slug projects(first: 100) { totalCount nodes { slug } } } }`);
    const sofa = data.communities.find((c: { slug: string }) => c.slug === 'sofastack');
    expect(sofa.projects.totalCount).toBe(sofa.projects.nodes.length);
    expect(sofa.projects.nodes.map((p: { slug: string }) => p.slug)).toContain('seata');
  });
});
