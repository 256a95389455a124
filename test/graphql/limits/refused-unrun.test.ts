import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/auth/api-keys';
import { Role } from '../../../src/graphql/role.enum';
import { loadConfig } from '../../../src/config';
import { spyOnStatements } from '../../helpers/statement-spy';
import { startTestServer, type TestServer } from '../../helpers/test-server';

// Every limit holds before any resolver or SQL runs: a refused request sends the database
// nothing (with a key, only the key's lookup), whichever limit refuses it.

let server: TestServer;
let editorKey: string;
beforeAll(async () => {
  server = await startTestServer();
  editorKey = (await createApiKey(server.db.query, 'refused-unrun', Role.EDITOR)).token;
});
afterAll(() => server?.close());

const limits = loadConfig({});
const fields = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
const nested = (levels: number) => `{ ${'talks(first: 1) { nodes { event { '.repeat(levels)}title${' } } }'.repeat(levels)} }`;

/** A request each limit refuses, with the status and code it is refused with. */
const refused: [limit: string, body: string, status: number, code: string][] = [
  [
    'MAX_BODY_BYTES',
    JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(limits.maxBodyBytes) } }),
    413,
    'PAYLOAD_TOO_LARGE',
  ],
  ['JSON nesting of variables', `{"query":"{ __typename }","variables":{"v":${'['.repeat(100)}${']'.repeat(100)}}}`, 400, 'BAD_USER_INPUT'],
  ['MAX_QUERY_TOKENS', JSON.stringify({ query: `{ ${'__typename '.repeat(limits.maxQueryTokens)}}` }), 400, 'GRAPHQL_PARSE_FAILED'],
  ['MAX_QUERY_DEPTH', JSON.stringify({ query: nested(5) }), 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'MAX_INTROSPECTION_DEPTH',
    JSON.stringify({
      query: `{ __schema { ${'types { name ofType { '.repeat(1)}${'ofType { '.repeat(limits.maxIntrospectionDepth)}name${' }'.repeat(limits.maxIntrospectionDepth + 2)} } }`,
    }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'MAX_QUERY_ALIASES',
    JSON.stringify({ query: `{ ${fields(limits.maxQueryAliases + 1, '__typename')} }` }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'MAX_FIELD_REPEATS',
    JSON.stringify({ query: `{ ${'talks { totalCount } '.repeat(limits.maxFieldRepeats + 1)}}` }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['an unknown fragment', JSON.stringify({ query: `{ ...Missing }` }), 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a fragment cycle',
    JSON.stringify({ query: `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }` }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['an unknown field', JSON.stringify({ query: `{ talks { nodes { nope } } }` }), 400, 'GRAPHQL_VALIDATION_FAILED'],
  [
    'a variable of the wrong type',
    JSON.stringify({ query: `query($n: Int) { talks(first: $n) { totalCount } }`, variables: { n: 'many' } }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'MAX_QUERY_COST',
    JSON.stringify({ query: `{ events(first: 100) { nodes { talks(first: 100) { nodes { title } } } } }` }),
    400,
    'QUERY_TOO_COMPLEX',
  ],
  [
    'MAX_QUERY_COST, aggregates',
    JSON.stringify({ query: `{ analytics { ${fields(60, 'dataQuality { talks }')} } }` }),
    400,
    'QUERY_TOO_COMPLEX',
  ],
  [
    'free text over 200 characters',
    JSON.stringify({ query: `query($q: String) { talks(filter: { query: $q }) { totalCount } }`, variables: { q: 'x'.repeat(201) } }),
    400,
    'BAD_USER_INPUT',
  ],
];

describe('a request refused by a limit sends no SQL', () => {
  for (const [limit, body, status, code] of refused) {
    it(`${limit}: ${status} ${code}, anonymous and with an editor key`, async () => {
      for (const headers of [{}, { authorization: `Bearer ${editorKey}` }] as Record<string, string>[]) {
        const spy = spyOnStatements(server.db);
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        }).finally(() => spy.restore());
        const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        expect(response.status).toBe(status);
        expect(answer.errors?.[0].extensions?.code).toBe(code);
        expect(spy.sent().filter((text) => !/FROM api_key WHERE lookup = \$1/.test(text))).toEqual([]);
      }
    });
  }

  it('a page over 100 is refused by its resolver before that resolver sends SQL', async () => {
    const spy = spyOnStatements(server.db);
    const answer = await server.post(`{ talks(first: 101) { totalCount } }`).finally(() => spy.restore());
    expect(answer.body.errors?.[0]).toMatchObject({
      message: '`first` must be between 1 and 100, not 101.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(spy.sent()).toEqual([]);
  });
});
