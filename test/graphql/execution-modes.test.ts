import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios, type BenchSubjects } from '../../bench/scenarios';
import { builtInDataset } from '../../src/dataset/seed';
import { startTestApp, startTestServer, type TestServer } from '../helpers/test-server';

// The bypasses (graphql-jit, direct resolvers, results let go of) must answer exactly what the
// libraries answer as they come: two apps on one database, one per EXECUTION, asked the same.
describe('EXECUTION=jit and EXECUTION=graphql-js', () => {
  let jit: TestServer;
  let plain: TestServer;
  let subjects: BenchSubjects;
  beforeAll(async () => {
    jit = await startTestServer({ datasets: builtInDataset, env: { EXECUTION: 'jit' } });
    plain = await startTestApp(jit.db, jit.engine, jit.databaseUrl, { EXECUTION: 'graphql-js' });
    const [talk] = await jit.db.query<{ id: number }>('SELECT id FROM talk ORDER BY id LIMIT 1');
    const [speaker] = await jit.db.query<{ id: number }>('SELECT id FROM speaker ORDER BY id LIMIT 1');
    const [event] = await jit.db.query<{ id: number; slug: string }>(
      'SELECT e.id, e.slug FROM event e JOIN talk t ON t.event_id = e.id GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1',
    );
    subjects = {
      project: 'seata',
      event: event.slug,
      search: 'seata 分布式事务',
      nodes: [
        { type: 'Talk', id: talk.id },
        { type: 'Speaker', id: speaker.id },
        { type: 'Event', id: event.id },
        { type: 'Talk', id: 999_999 },
      ],
    };
  }, 120_000);
  afterAll(async () => {
    await plain?.close();
    await jit?.close();
  });

  const answer = async (server: TestServer, query: string, variables?: Record<string, unknown>) => {
    const { status, body } = await server.post(query, variables);
    return { status, data: body.data, errors: body.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })) };
  };

  it.each(scenarios.map((s) => [s.name, s] as const))('answer the bench scenario %s alike', async (_name, scenario) => {
    const { query, variables } = scenario.ours(subjects);
    const expected = await answer(plain, query, variables);
    expect(expected.errors).toBeUndefined();
    expect(await answer(jit, query, variables)).toEqual(expected);
  });

  it.each([
    ['an abstract type resolved by node', '{ n: node(id: "VGFsazox") { __typename id ... on Talk { title event { slug } } } }'],
    ['a missing record', '{ event(slug: "no-such-event") { title } }'],
    ['a bad argument', '{ talks(first: -1) { nodes { title } } }'],
    ['an unknown cursor', '{ talks(first: 2, after: "bm90LWEtY3Vyc29y") { nodes { title } } }'],
    ['a field that needs a role', '{ auditLog(first: 1) { nodes { actor } } }'],
    [
      'connections with counts and page info',
      '{ projects(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { slug talks(first: 2) { totalCount nodes { title speakers { name alias } } } } } }',
    ],
  ])('answer %s alike, errors included', async (_what, query) => {
    const expected = await answer(plain, query);
    expect(JSON.stringify(expected)).not.toMatch(/GRAPHQL_VALIDATION_FAILED/);
    expect(await answer(jit, query)).toEqual(expected);
  });
});
