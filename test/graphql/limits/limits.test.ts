import 'reflect-metadata';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { queryCost } from '../../../src/graphql/limits/query-cost.plugin';
import { createSchema } from '../../../src/api/schema';
import { exampleOperations } from '../../../src/http/example-operations';
import { startTestServer, type TestServer } from '../../helpers/test-server';

let server: TestServer;
let schema: Awaited<ReturnType<typeof createSchema>>;
beforeAll(async () => {
  server = await startTestServer();
  schema = await createSchema();
});
afterAll(() => server?.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('query cost', () => {
  const limit = loadConfig({}).maxQueryCost;

  it('lets every playground example through with room to spare', () => {
    for (const { query, variables } of exampleOperations) expect(queryCost(schema, parse(query), variables ?? {})).toBeLessThan(limit / 2);
  });

  it('lets a full event agenda through: 100 talks, each with its speakers and projects', () => {
    const agenda = `{ event(slug: "x") { id title links { url } community { name }
      talks(first: 100) { nodes { id title startsAt endsAt position kind slidesUrl videoUrl speakers { id name affiliation } projects { id slug name } } } } }`;
    expect(queryCost(schema, parse(agenda), {})).toBeLessThan(limit);
  });

  it('refuses an over-limit query before it runs a statement, saying the cost and the limit', async () => {
    const response = await post({ query: `{ events(first: 100) { nodes { talks(first: 100) { nodes { title } } } } }` });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 20_201, limit });
    expect(body.errors[0].message).toBe(
      `This operation costs 20201, more than the limit of ${limit}: ask for fewer fields or smaller pages.`,
    );
    expect(body.extensions?.sqlStatements ?? 0).toBe(0);
  });

  it('counts a page size given in a variable', async () => {
    const query = `query($n: Int) { events(first: $n) { nodes { talks(first: $n) { nodes { title } } } } }`;
    expect((await server.gql(query, { n: 10 })).errors).toBeUndefined();
    expect((await server.gql(query, { n: 100 })).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('counts every alias and every fragment spread, so they cannot multiply cost past the limit', async () => {
    const field = `events(first: 50) { nodes { title city series } }`; // 1 + 50 × 4 = 201 each
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: ${field}`).join('\n');
    const aliased = await server.gql(`{ ${aliases} }`);
    expect(aliased.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 60 * 201 });
    const spreads = Array.from({ length: 60 }, (_, i) => `f${i}: events(first: 50) { ...E }`).join('\n');
    const fragmented = await server.gql(`{ ${spreads} } fragment E on EventConnection { nodes { title city series } }`);
    expect(fragmented.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 60 * 201 });
  });

  it('refuses queries nested deeper than the depth limit', async () => {
    const level = (inner: string) => `talks(first: 1) { nodes { event { ${inner} } } }`;
    let deep = 'title';
    for (let i = 0; i < 5; i++) deep = level(deep);
    deep = `{ ${deep} }`;
    const response = await server.gql(deep);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/exceeds maximum operation depth of 12/);
  });
});

describe('request limits', () => {
  it('refuses a page of more than 100', async () => {
    const response = await server.gql(`{ talks(first: 101) { totalCount } }`);
    expect(response.errors?.[0]).toMatchObject({
      message: '`first` must be between 1 and 100, not 101.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a body over 100 kB with 413 and a JSON error', async () => {
    const response = await post({ query: `{ __typename }`, variables: { pad: 'x'.repeat(100_001) } });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is larger than the limit of 100000 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).errors[0].message).toBe('The request body is not valid JSON.');
    expect(text).not.toMatch(/node_modules|at \w+ \(|\.ts:/);
  });

  it('refuses a body over the limit that comes without a length, in chunks, with 413', async () => {
    const chunks = [`{"query": "{ __typename }", "variables": {"pad": "`, 'x'.repeat(60_000), 'x'.repeat(60_000), `"}}`];
    const body = new ReadableStream({
      pull: (controller) => (chunks.length ? controller.enqueue(new TextEncoder().encode(chunks.shift())) : controller.close()),
    });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reads a gzip or deflate body, and refuses other encodings and charsets with 415', async () => {
    const { gzipSync, deflateSync, brotliCompressSync } = await import('node:zlib');
    const json = JSON.stringify({ query: '{ __typename }' });
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
    ] as const) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: compress(json),
      });
      expect((await response.json()).data, encoding).toEqual({ __typename: 'Query' });
    }
    const brotli = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'br' },
      body: brotliCompressSync(json),
    });
    expect(brotli.status).toBe(415);
    expect((await brotli.json()).errors[0]).toEqual({
      message: 'The request body\'s encoding "br" is not supported; send it plain, gzip or deflate.',
      extensions: { code: 'BAD_REQUEST' },
    });
    const latin1 = await post(json, { 'content-type': 'application/json; charset=iso-8859-1' });
    expect(latin1.status).toBe(415);
    expect((await latin1.json()).errors[0].message).toBe('The request body must be UTF-8 JSON, not iso-8859-1.');
    const corrupt = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(corrupt.status).toBe(400);
  });

  it('answers a body that is not a JSON object, or not JSON at all, with 400 and says why', async () => {
    expect(await (await post('"just a string"')).json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/POST body missing/);
    const xml = await post('<query/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(400);
    expect(await xml.text()).toMatch(/POST body missing, invalid Content-Type/);
    const form = await post('query={__typename}', { 'content-type': 'text/plain' });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/Cross-Site Request Forgery/);
    const typed = await post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/graphql-response+json; charset=utf-8',
    });
    expect((await typed.json()).data).toEqual({ __typename: 'Query' });
  });

  it('answers POST /graphql/ like /graphql, with a length and no ETag', async () => {
    const response = await fetch(`${server.url}/graphql/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const text = await response.text();
    expect(JSON.parse(text).data).toEqual({ __typename: 'Query' });
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(response.headers.get('etag')).toBeNull();
  });

  it('does not batch operations', async () => {
    const response = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Operation batching disabled/);
  });

  it('keeps CSRF prevention on: a simple GET request without a preflight header is refused', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    const withHeader = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(withHeader.status).toBe(200);
  });
});

describe('production mode', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ env: { NODE_ENV: 'production', INTROSPECTION: 'false', PLAYGROUND: 'false' } });
  });
  afterAll(() => production?.close());

  it('masks an internal failure: no SQL, stack or file path, only a code', async () => {
    await production.db.query(`ALTER TABLE talk RENAME COLUMN abstract TO abstract_gone`);
    try {
      const response = await production.gql(`{ talks(first: 1) { nodes { title abstract } } }`);
      expect(response.errors).toEqual([
        { message: 'Internal server error', path: ['talks', 'nodes'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(JSON.stringify(response)).not.toMatch(/abstract_gone|SELECT|\.ts|node_modules/);
    } finally {
      await production.db.query(`ALTER TABLE talk RENAME COLUMN abstract_gone TO abstract`);
    }
  });

  it('can switch introspection and the playground off', async () => {
    const response = await production.gql(`{ __schema { types { name } } }`);
    expect(response.errors?.[0].message).toMatch(/introspection/i);
    expect((await fetch(`${production.url}/`)).status).toBe(404);
    expect((await server.gql(`{ __schema { queryType { name } } }`)).data.__schema.queryType.name).toBe('Query');
  });

  it('shows no stack trace for a user error', async () => {
    const response = await production.gql(`{ talks(first: 0) { totalCount } }`);
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});
