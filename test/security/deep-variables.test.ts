import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_NESTING } from '../../src/http/json-nesting';
import { attack } from '../helpers/responsive';
import { spyOnStatements } from '../helpers/statement-spy';
import { startTestServer, type TestServer } from '../helpers/test-server';

// JSON.parse reads any nesting, but JSON.stringify and graphql-js's input coercion recurse once per
// level: variables 20,000 levels deep in a 100 kB body were an internal error (500) from the
// stringify of the cost key. Each server below is asked with and without its response cache,
// whose key holds the variables too.

let plain: TestServer;
let cached: TestServer;
beforeAll(async () => {
  plain = await startTestServer();
  cached = await startTestServer({ env: { RESPONSE_CACHE_MB: '8' } });
});
afterAll(async () => {
  await plain?.close();
  await cached?.close();
});

const deepList = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** A body with `variables` written as raw JSON text, since the test cannot stringify it either. */
const body = (query: string, variables: string) => `{"query":${JSON.stringify(query)},"variables":{"v":${variables}}}`;

const variablesTooDeep = {
  message: `A variable nests arrays or objects more than ${MAX_JSON_NESTING} levels deep; no argument takes values nested that deep.`,
  extensions: { code: 'BAD_USER_INPUT' },
};

describe('variables nested deeper than any argument takes', () => {
  const shapes = [
    ['a list 20,000 deep', deepList(20_000)],
    ['an object 15,000 deep', deepObject(15_000)],
  ] as const;
  const operations = [
    ['undeclared', `{ talks(first: 1) { totalCount } }`],
    ['declared as a list of lists', `query($v: [[String]]) { talks(first: 1) { totalCount } }`],
    ['declared as a filter', `query($v: TalkFilter) { talks(first: 1, filter: $v) { totalCount } }`],
  ] as const;

  for (const [shape, value] of shapes) {
    for (const [declared, query] of operations) {
      it(`refuses ${shape}, ${declared}, with 400 BAD_USER_INPUT before any SQL, and stays responsive`, async () => {
        const text = body(query, value);
        expect(Buffer.byteLength(text)).toBeLessThan(100_000);
        for (const server of [plain, cached]) {
          const spy = spyOnStatements(server.db);
          const answer = await attack(server.url, text).finally(() => spy.restore());
          expect(answer.status).toBe(400);
          expect(answer.body).toEqual({ errors: [variablesTooDeep] });
          expect(spy.sent()).toEqual([]);
          expect(answer.healthzMs).toBeLessThan(1000);
        }
      });
    }
  }

  it('refuses deep variables in a GET query string the same way', async () => {
    const search = new URLSearchParams({ query: '{ __typename }', variables: `{"v":${deepList(2000)}}` });
    const response = await fetch(`${plain.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [variablesTooDeep] });
  });

  it('refuses other members of the body nested too deep with BAD_REQUEST', async () => {
    const answer = await attack(plain.url, `{"query":"{ __typename }","extensions":{"x":${deepList(20_000)}}}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          message: `The request's \`extensions\` nests arrays or objects more than ${MAX_JSON_NESTING} levels deep.`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('answers variables nested up to the limit', async () => {
    // The variables object is level 1: a value of the variable `v` may nest one level less.
    const fits = body(`{ __typename }`, deepList(MAX_JSON_NESTING - 1));
    const over = body(`{ __typename }`, deepList(MAX_JSON_NESTING));
    expect((await attack(plain.url, fits)).body).toEqual({ data: { __typename: 'Query' }, extensions: expect.anything() });
    expect((await attack(plain.url, over)).body).toEqual({ errors: [variablesTooDeep] });
    const filter = await plain.gql(`query($v: TalkFilter) { talks(first: 1, filter: $v) { totalCount } }`, {
      v: { projects: ['kubernetes'] },
    });
    expect(filter.errors).toBeUndefined();
  });
});
