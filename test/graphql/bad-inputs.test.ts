import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { toGlobalId } from '../../src/graphql/global-id';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
let revoked: Record<string, string>;
let talkId: string;
let eventId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' } });
  editor = await keyHeaders(server, Role.EDITOR);
  revoked = await keyHeaders(server, Role.EDITOR, 'revoked');
  await server.db.query(`UPDATE api_key SET revoked_at = now() WHERE name = 'revoked'`);
  const data = await server.data(`{ talks(first: 1) { nodes { id event { id } } } }`);
  talkId = data.talks.nodes[0].id;
  eventId = data.talks.nodes[0].event.id;
});
afterAll(() => server?.close());

/** What a bad input gets: an HTTP status and either a top-level error or user errors. */
type Expected = {
  status: number;
  code?: string;
  message?: RegExp;
  userErrors?: { field: string[] | null; code: string; message?: RegExp }[];
};

interface Case {
  name: string;
  query?: string;
  variables?: () => Record<string, unknown>;
  body?: () => string;
  headers?: () => Record<string, string>;
  expected: Expected;
}

const TALK_UPDATE = `mutation($id: ID!, $input: TalkUpdateInput!) { talkUpdate(id: $id, input: $input) { talk { id } userErrors { field code message } } }`;
const TALK_CREATE = `mutation($input: TalkCreateInput!) { talkCreate(input: $input) { talk { id } userErrors { field code message } } }`;
const EVENT_UPDATE = `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { id } userErrors { field code message } } }`;
const invalid = (field: string[], message?: RegExp) => ({
  status: 200,
  userErrors: [{ field, code: 'INVALID', ...(message ? { message } : {}) }],
});

const cases: Case[] = [
  {
    name: 'a malformed ID in node(id:)',
    query: `{ node(id: "!!not-an-id!!") { id } }`,
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /is not a valid ID/ },
  },
  {
    name: 'a malformed ID in a mutation',
    query: TALK_UPDATE,
    variables: () => ({ id: 'abc', input: { title: 'x' } }),
    expected: invalid(['id'], /is not a valid ID/),
  },
  {
    name: 'an ID of the wrong type',
    query: TALK_UPDATE,
    variables: () => ({ id: eventId, input: { title: 'x' } }),
    expected: invalid(['id'], /belongs to a Event, not a Talk/),
  },
  {
    name: 'a well-formed ID of nothing',
    query: TALK_UPDATE,
    variables: () => ({ id: toGlobalId('Talk', 999999), input: { title: 'x' } }),
    expected: { status: 200, userErrors: [{ field: ['id'], code: 'NOT_FOUND' }] },
  },
  {
    name: 'a malformed cursor',
    query: `{ talks(first: 2, after: "zzz") { totalCount } }`,
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /is not a cursor of this list/ },
  },
  {
    name: 'a cursor made for another order',
    query: `{ talks(first: 2, after: "WyJUSVRMRSIsImEiLDFd") { totalCount } }`,
    expected: { status: 200, code: 'BAD_USER_INPUT' },
  },
  {
    name: 'a string where an Int belongs, inline',
    query: `{ talks(first: "ten") { totalCount } }`,
    expected: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Int cannot represent/ },
  },
  {
    name: 'a string where an Int belongs, in a variable',
    query: `query($n: Int) { talks(first: $n) { totalCount } }`,
    variables: () => ({ n: 'ten' }),
    expected: { status: 400, code: 'BAD_USER_INPUT', message: /Int cannot represent/ },
  },
  {
    name: 'an integer beyond 32 bits',
    query: `{ talks(first: 99999999999) { totalCount } }`,
    expected: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'a page of 0',
    query: `{ talks(first: 0) { totalCount } }`,
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /between 1 and 100/ },
  },
  {
    name: 'more than 100 IDs',
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
    variables: () => ({ ids: Array(101).fill(talkId) }),
    expected: { status: 200, code: 'BAD_USER_INPUT', message: /at most 100/ },
  },
  {
    name: 'an overlong title',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { title: 'x'.repeat(301) } }),
    expected: invalid(['input', 'title'], /1 to 300 characters/),
  },
  {
    name: 'an overlong abstract',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { abstract: 'x'.repeat(20_001) } }),
    expected: invalid(['input', 'abstract'], /at most 20000/),
  },
  {
    name: 'a blank title',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { title: '   ' } }),
    expected: invalid(['input', 'title'], /blank/),
  },
  {
    name: 'a null title',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { title: null } }),
    expected: invalid(['input', 'title'], /may not be null/),
  },
  {
    name: 'a javascript: URL',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { slidesUrl: 'javascript:alert(1)' } }),
    expected: invalid(['input', 'slidesUrl'], /http or https URL/),
  },
  {
    name: 'a URL without a scheme',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { videoUrl: 'www.example.org/video' } }),
    expected: invalid(['input', 'videoUrl']),
  },
  {
    name: 'an impossible date',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { startsAt: '2026-13-45T00:00:00Z' } }),
    expected: { status: 400, code: 'BAD_USER_INPUT', message: /DateTime/ },
  },
  {
    name: 'a date in year 1',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { startsAt: '0001-01-01T00:00:00Z' } }),
    expected: invalid(['input', 'startsAt'], /after 1900/),
  },
  {
    name: 'an end before the start',
    query: EVENT_UPDATE,
    variables: () => ({ id: eventId, input: { startsAt: '2026-02-02T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' } }),
    expected: invalid(['input', 'endsAt']),
  },
  {
    name: 'an unknown time zone',
    query: EVENT_UPDATE,
    variables: () => ({ id: eventId, input: { timeZone: 'Mars/Olympus' } }),
    expected: invalid(['input', 'timeZone'], /IANA time zone/),
  },
  {
    name: 'a slug with spaces',
    query: EVENT_UPDATE,
    variables: () => ({ id: eventId, input: { slug: 'Bad Slug' } }),
    expected: invalid(['input', 'slug'], /lower-case letters/),
  },
  {
    name: 'too many tags',
    query: EVENT_UPDATE,
    variables: () => ({ id: eventId, input: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } }),
    expected: invalid(['input', 'tags'], /at most 50/),
  },
  {
    name: 'an unknown enum value',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { kind: 'TALKX' } }),
    expected: { status: 400, code: 'BAD_USER_INPUT', message: /TALKX/ },
  },
  {
    name: 'an unknown enum value inline',
    query: `{ talks(first: 1, orderBy: { field: NOPE, direction: ASC }) { totalCount } }`,
    expected: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'an unknown input field',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { color: 'red' } }),
    expected: { status: 400, code: 'BAD_USER_INPUT', message: /color/ },
  },
  {
    name: 'a NUL character in text',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { abstract: 'a\u0000b' } }),
    expected: invalid(['input'], /NUL/),
  },
  { name: 'a query that is not GraphQL', query: `{ talks(first: 1) { `, expected: { status: 400, code: 'GRAPHQL_PARSE_FAILED' } },
  {
    name: 'a deeply nested query',
    query: `{ talks(first: 1) { nodes { event { talks(first: 1) { nodes { event { talks(first: 1) { nodes { event { talks(first: 1) { nodes { event { talks(first: 1) { nodes { title } } } } } } } } } } } } } } }`,
    expected: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /depth/ },
  },
  {
    name: 'many aliases of a dear field',
    query: `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: talks(first: 100) { nodes { title abstract } }`).join(' ')} }`,
    expected: { status: 400, code: 'QUERY_TOO_COMPLEX', message: /more than the limit of 10000/ },
  },
  {
    name: 'an oversized body',
    body: () => JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(120_000) } }),
    expected: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  },
  { name: 'a body that is not JSON', body: () => 'query=%7B__typename%7D', expected: { status: 400, code: 'BAD_REQUEST' } },
  { name: 'a body without a query', body: () => JSON.stringify({ variables: {} }), expected: { status: 400, code: 'BAD_REQUEST' } },
  {
    name: 'a write without a key',
    query: TALK_UPDATE,
    variables: () => ({ id: talkId, input: { title: 'x' } }),
    headers: () => ({}),
    expected: { status: 200, code: 'UNAUTHENTICATED', message: /Authorization: Bearer/ },
  },
  {
    name: 'a wrong key',
    query: `{ __typename }`,
    headers: () => ({ authorization: editor.authorization.replace(/.{4}$/, 'AAAA') }),
    expected: { status: 401, code: 'UNAUTHENTICATED', message: /Unknown API key/ },
  },
  {
    name: 'a revoked key',
    query: `{ __typename }`,
    headers: () => revoked,
    expected: { status: 401, code: 'UNAUTHENTICATED', message: /revoked/ },
  },
  {
    name: 'a non-bearer Authorization header',
    query: `{ __typename }`,
    headers: () => ({ authorization: 'Token abc' }),
    expected: { status: 401, code: 'UNAUTHENTICATED', message: /Bearer/ },
  },
];

describe('bad inputs', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(c.headers ? c.headers() : editor) },
      body: c.body ? c.body() : JSON.stringify({ query: c.query, variables: c.variables?.() }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(c.expected.status);
    expect(text).not.toMatch(/stacktrace|node_modules|\.ts:\d|SELECT |INSERT |UPDATE \w+ SET/);
    const body = JSON.parse(text);
    if (c.expected.code) {
      expect(body.errors?.[0]?.extensions?.code, text).toBe(c.expected.code);
      if (c.expected.message) expect(body.errors[0].message).toMatch(c.expected.message);
    }
    if (c.expected.userErrors) {
      expect(body.errors, text).toBeUndefined();
      const payload = Object.values(body.data)[0] as { userErrors: { field: string[] | null; code: string; message: string }[] };
      expect(payload.userErrors).toHaveLength(c.expected.userErrors.length);
      c.expected.userErrors.forEach((expected, i) => {
        expect(payload.userErrors[i].field).toEqual(expected.field);
        expect(payload.userErrors[i].code).toBe(expected.code);
        if (expected.message) expect(payload.userErrors[i].message).toMatch(expected.message);
      });
    }
  });

  it('stores and returns SQL and script injection strings verbatim', async () => {
    const strings = [
      `Robert'); DROP TABLE speaker;--`,
      `<script>alert("x")</script>`,
      `%' OR 1=1 --`,
      `$1 \\ \\' "; SELECT pg_sleep(10);`,
      `{{7*7}} \${7*7}`,
      `😀 𠀀 ‮RTL`,
    ];
    for (const title of strings) {
      const created = await server.gql(TALK_CREATE, { input: { event: eventId, title, abstract: title } }, editor);
      expect(created.data.talkCreate.userErrors, title).toEqual([]);
      const read = await server.data(`query($id: ID!) { node(id: $id) { ... on Talk { title abstract } } }`, {
        id: created.data.talkCreate.talk.id,
      });
      expect(read.node).toEqual({ title, abstract: title });
      const search = await server.gql(`query($q: String!) { search(query: $q) { totalCount } }`, { q: title });
      expect(search.errors, title).toBeUndefined();
    }
    expect((await server.data(`{ speakers(first: 1) { totalCount } }`)).speakers.totalCount).toBeGreaterThan(0);
  });
});
