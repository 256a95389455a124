import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { SCHEMA_INTROSPECTION_COST } from '../../src/graphql/limits/introspection-cost.estimator';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const { maxIntrospectionDepth, maxQueryFields } = loadConfig({});

describe('introspection', () => {
  it("answers GraphiQL's own introspection query (14 deep, three lists nested)", async () => {
    // The options GraphiQL 3 asks with.
    const query = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
    const data = await server.data(query);
    expect(data.__schema.types.map((t: { name: string }) => t.name)).toContain('Talk');
  });

  it('answers four copies of the whole introspection under aliases, refuses five by cost and twenty by size, /healthz answering meanwhile', async () => {
    const full = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
    const fragments = full.slice(full.indexOf('fragment FullType'));
    const copies = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: __schema { types { ...FullType } }`).join(' ')} } ${fragments}`;
    const four = await attack(server.url, { query: copies(4) });
    expect(four.body.errors).toBeUndefined();
    expect(Object.keys(four.body.data!)).toHaveLength(4);
    expect(four.healthzMs).toBeLessThan(1000);
    const five = await attack(server.url, { query: copies(5) });
    expect(five.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 5 * SCHEMA_INTROSPECTION_COST });
    const twenty = await attack(server.url, { query: copies(20) });
    expect(twenty.body.errors?.[0]).toMatchObject({
      message: `The operation selects more than the limit of ${maxQueryFields} fields (a fragment's fields count each time it is spread): ask for fewer.`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(twenty.healthzMs).toBeLessThan(1000);
  });

  it('refuses introspection nested 30 deep, though it names no list of data', async () => {
    let inner = 'name';
    for (let i = 0; i < 15; i++) inner = `type { ofType { ${inner} } }`;
    const { status, body, healthzMs } = await attack(server.url, { query: `{ __type(name: "Talk") { fields { ${inner} } } }` });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: `The operation nests introspection fields 32 deep and exceeds maximum introspection depth of ${maxIntrospectionDepth}.`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(healthzMs).toBeLessThan(1000);
  });

  it("refuses introspection lists nested four deep within the depth limit: every type's fields' types' fields", async () => {
    const query = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({
      message: 'The operation nests 4 introspection lists in one another, more than the limit of 3 (`types { fields { args } }`).',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses the same through fragments, however they are spread', async () => {
    const query = `query Deep { __type(name: "Talk") { ...F } } fragment F on __Type { fields { type { ...G } } } fragment G on __Type { fields { type { ...H } } } fragment H on __Type { fields { type { ...I } } } fragment I on __Type { fields { name } }`;
    const { body } = await attack(server.url, { query });
    expect(body.errors?.[0].message).toBe(
      'Operation "Deep" nests 4 introspection lists in one another, more than the limit of 3 (`types { fields { args } }`).',
    );
  });
});
