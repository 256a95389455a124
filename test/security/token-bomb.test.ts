import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const { maxQueryTokens } = loadConfig({});
const tooMany = `The document has more than the limit of ${maxQueryTokens} tokens (names, values and punctuation): send a smaller one.`;

describe('documents of many tokens', () => {
  it('stops parsing a list argument of 45,000 values at the token limit', async () => {
    const query = `{ nodes(ids: [${'1,'.repeat(45_000)}]) { id } }`;
    expect(query.length).toBeLessThan(100_000);
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ message: tooMany, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses 60,000 nested list brackets as too deep to read, before the parser runs out of stack', async () => {
    const { status, body, healthzMs } = await attack(server.url, {
      query: `{ talks(filter: { query: ${'['.repeat(60_000)} }) { totalCount } }`,
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: 'The document nests brackets too deeply to be read: send a flatter one.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('stops parsing 30,000 nested braces or 30,000 fragment definitions', async () => {
    const fragments = Array.from({ length: 30_000 }, (_, i) => `fragment F${i} on Query{a}`).join('');
    for (const query of [`${'{a'.repeat(30_000)}`, `{ __typename } ${fragments}`.slice(0, 99_000)]) {
      const { body, healthzMs } = await attack(server.url, { query });
      expect(body.errors?.[0], query.slice(0, 40)).toMatchObject({ message: tooMany, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
      expect(healthzMs).toBeLessThan(1000);
    }
  });

  it('still reads GraphiQL-sized documents: a comment or a string of 90 kB is one token', async () => {
    expect(await server.data(`# ${'x'.repeat(90_000)}\n{ __typename }`)).toEqual({ __typename: 'Query' });
    const { body } = await attack(server.url, { query: `{ search(query: "${'x'.repeat(90_000)}") { totalCount } }` });
    expect(body.errors?.[0].extensions?.code).not.toBe('GRAPHQL_PARSE_FAILED');
  });
});
