import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** `{...F0}`, each fragment spreading the next twice: about 1 kB of text that expands to 2^levels fields. */
const fanOut = (levels: number, leaf = '__typename') => {
  let query = '{ ...F0 }';
  for (let i = 0; i < levels; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${query} fragment F${levels} on Query { ${leaf} }`;
};

describe('fragments that spread the next one twice', () => {
  const { maxQueryFields, maxFieldRepeats } = loadConfig({});

  it('refuses 30 levels (a billion fields) as a validation error, and /healthz answers meanwhile', async () => {
    const query = fanOut(30);
    expect(query.length).toBeLessThan(1400);
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // 2, 4, 8, then 16 `__typename` in the same selection set: past the limit of repeats at the fourth level.
    expect(body.errors![0].message).toBe(
      `The field "__typename" is selected 16 times in one selection set (a fragment's fields count each time it is spread), more than the limit of ${maxFieldRepeats}: select it once.`,
    );
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses the same chain with a field of data at its end, before any SQL', async () => {
    const { body, healthzMs } = await attack(server.url, { query: fanOut(30, 'talks(first: 100) { nodes { title } }') });
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.extensions?.sqlStatements ?? 0).toBe(0);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses a chain of named operations the same way, saying which operation', async () => {
    const { body } = await attack(server.url, {
      query: fanOut(30).replace('{ ...F0 }', 'query Bomb { ...F0 } query Other { __typename }'),
      operationName: 'Other',
    });
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses fragments that fan out nine times a level, within every other limit, by their number of fields', async () => {
    // Nine `talks` a level (under the limit of repeats), three levels of fields each (under the depth limit): 9^4 × 3 fields.
    let query = '{ talks(first: 1) { nodes { event { ...E0 } } } }';
    for (let i = 0; i < 4; i++) query += ` fragment E${i} on Event { ${`talks(first: 1) { nodes { event { ...E${i + 1} } } } `.repeat(9)}}`;
    query += ' fragment E4 on Event { title }';
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: `The operation selects more than the limit of ${maxQueryFields} fields (a fragment's fields count each time it is spread): ask for fewer.`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(healthzMs).toBeLessThan(1000);
  });

  it('answers a chain that stays under the limits, its fragments spread as often as they are', async () => {
    // 2^3 = 8 __typename fields, all answering under one name.
    expect(await server.data(fanOut(3))).toEqual({ __typename: 'Query' });
  });
});
