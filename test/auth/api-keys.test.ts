import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { toGlobalId } from '../../src/graphql/global-id';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: Record<string, string>;
let editor: Record<string, string>;

const CREATE = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { token apiKey { id name role lookup createdAt revokedAt } userErrors { field message code } } }`;
const REVOKE = `mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { id lookup revokedAt } userErrors { field message code } } }`;
const LIST = `{ apiKeys(first: 100) { totalCount nodes { id name role lookup revokedAt } } }`;
/** A write only a working EDITOR key may make. */
const WRITE = `mutation($input: ProjectCreateInput!) { projectCreate(input: $input) { project { slug } userErrors { message } } }`;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function create(input: Record<string, unknown>, headers = admin) {
  const response = await server.gql(CREATE, { input }, headers);
  expect(response.errors).toBeUndefined();
  return response.data.apiKeyCreate;
}

async function revoke(key: string, headers = admin) {
  const response = await server.gql(REVOKE, { input: { key } }, headers);
  expect(response.errors).toBeUndefined();
  return response.data.apiKeyRevoke;
}

beforeAll(async () => {
  // The response cache on, to show that a revoked key is never answered from it.
  server = await startTestServer({ env: { RESPONSE_CACHE_MB: '8' } });
  admin = await keyHeaders(server, Role.ADMIN, 'root');
  editor = await keyHeaders(server, Role.EDITOR, 'alice');
});
afterAll(() => server?.close());

describe('apiKeyCreate', () => {
  it('makes a key that works at once, answering its secret only in this payload', async () => {
    const made = await create({ name: ' importer-bot ', role: 'EDITOR' });
    expect(made.userErrors).toEqual([]);
    expect(made.apiKey).toMatchObject({ name: 'importer-bot', role: 'EDITOR', revokedAt: null });
    expect(made.token).toMatch(new RegExp(`^eg_${made.apiKey.lookup}_[A-Za-z0-9_-]{43}$`));
    const written = await server.gql(WRITE, { input: { slug: 'made-by-bot', name: 'Made by bot' } }, bearer(made.token));
    expect(written.data.projectCreate).toEqual({ project: { slug: 'made-by-bot' }, userErrors: [] });
    // Neither the list nor anything else shows the secret or its hash again.
    const listed = JSON.stringify(
      await server.data(`{ apiKeys(first: 100) { nodes { id name role lookup createdAt revokedAt } } }`, undefined, admin),
    );
    expect(listed).toContain(made.apiKey.lookup);
    expect(listed).not.toContain(made.token.slice(-43));
  });

  it('is audited: who made which key, without its secret', async () => {
    const made = await create({ name: 'audited-bot', role: 'ADMIN' });
    const { auditLog } = await server.data(
      `query($record: ID) { auditLog(first: 1, record: $record) { nodes { actor operation record before after } } }`,
      { record: made.apiKey.id },
      admin,
    );
    expect(auditLog.nodes).toEqual([
      {
        actor: 'root',
        operation: 'apiKeyCreate',
        record: made.apiKey.id,
        before: null,
        after: expect.objectContaining({ name: 'audited-bot', role: 'ADMIN', lookup: made.apiKey.lookup, revoked_at: null }),
      },
    ]);
    expect(auditLog.nodes[0].after).not.toHaveProperty('secret_hash');
  });

  it('refuses a blank, missing or overlong name with a userError, making nothing', async () => {
    const before = (await server.data(LIST, undefined, admin)).apiKeys.totalCount;
    for (const name of ['', '   ', 'x'.repeat(101)]) {
      const refused = await create({ name, role: 'EDITOR' });
      expect(refused).toMatchObject({ token: null, apiKey: null, userErrors: [{ field: ['input', 'name'], code: 'INVALID' }] });
    }
    expect((await server.data(LIST, undefined, admin)).apiKeys.totalCount).toBe(before);
  });

  it('refuses a role that does not exist before running, naming the roles there are', async () => {
    const response = await server.gql(CREATE, { input: { name: 'x', role: 'OWNER' } }, admin);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/Value "OWNER" does not exist in "Role" enum/);
  });
});

describe('apiKeyRevoke', () => {
  it('refuses the key on the very next request, also where the response cache holds the answer', async () => {
    const made = await create({ name: 'short-lived', role: 'EDITOR' });
    const read = '{ projects(first: 1) { totalCount } }';
    // Cached for anonymous readers (on PostgreSQL once the notifications of earlier writes are in)…
    await expect.poll(async () => (await server.post(read)).headers.get('x-response-cache'), { timeout: 15_000, interval: 50 }).toBe('HIT');
    expect((await server.post(read, undefined, bearer(made.token))).status).toBe(200);
    const revoked = await revoke(made.apiKey.lookup);
    expect(revoked).toMatchObject({
      apiKey: { id: made.apiKey.id, lookup: made.apiKey.lookup, revokedAt: expect.any(String) },
      userErrors: [],
    });
    // …but the revoked key gets 401 for reads and writes alike.
    for (const [query, variables] of [
      [read, undefined],
      [WRITE, { input: { slug: 'too-late', name: 'Too late' } }],
    ] as const) {
      const refused = await server.post(query, variables, bearer(made.token));
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-response-cache')).toBeNull();
      expect(refused.body.errors?.[0]).toMatchObject({
        message: 'This API key has been revoked.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    expect((await server.data(`{ project(slug: "too-late") { slug } }`)).project).toBeNull();
  });

  it('takes the key by its id too, and is audited with the key before and after', async () => {
    const made = await create({ name: 'by-id', role: 'EDITOR' });
    expect((await revoke(made.apiKey.id)).userErrors).toEqual([]);
    const { auditLog } = await server.data(
      `query($record: ID) { auditLog(first: 1, record: $record) { nodes { actor operation before after } } }`,
      { record: made.apiKey.id },
      admin,
    );
    expect(auditLog.nodes[0]).toMatchObject({
      actor: 'root',
      operation: 'apiKeyRevoke',
      before: { revoked_at: null },
      after: { revoked_at: expect.any(String) },
    });
    expect(auditLog.nodes[0].after).not.toHaveProperty('secret_hash');
  });

  it('says a key revoked already was revoked, and when', async () => {
    const made = await create({ name: 'twice', role: 'EDITOR' });
    const first = await revoke(made.apiKey.lookup);
    const again = await revoke(made.apiKey.lookup);
    expect(again).toEqual({
      apiKey: null,
      userErrors: [
        {
          field: ['input', 'key'],
          code: 'INVALID',
          message: `The key ${made.apiKey.lookup} of "twice" was already revoked at ${first.apiKey.revokedAt}.`,
        },
      ],
    });
  });

  it('answers NOT_FOUND for a key that does not exist, by lookup, id or anything else', async () => {
    for (const key of ['0123456789abcdef', toGlobalId('ApiKey', 999_999), toGlobalId('Talk', 1), `'; DROP TABLE api_key; --`]) {
      expect(await revoke(key)).toEqual({
        apiKey: null,
        userErrors: [
          { field: ['input', 'key'], code: 'NOT_FOUND', message: expect.stringMatching(/^No API key with the id or lookup ".*" found\.$/) },
        ],
      });
    }
    expect((await server.data(LIST, undefined, admin)).apiKeys.totalCount).toBeGreaterThan(0);
  });

  it('refuses an empty or overlong reference with a userError', async () => {
    for (const key of ['', 'k'.repeat(65)])
      expect((await revoke(key)).userErrors).toMatchObject([{ field: ['input', 'key'], code: 'INVALID' }]);
  });
});

describe('apiKeys', () => {
  it('lists every key oldest first, revoked ones with the time, pages with cursors', async () => {
    const { apiKeys } = await server.data(LIST, undefined, admin);
    expect(apiKeys.nodes.map((key: { name: string }) => key.name).slice(0, 2)).toEqual(['root', 'alice']);
    expect(apiKeys.nodes.find((key: { name: string }) => key.name === 'twice').revokedAt).toEqual(expect.any(String));
    const first = await server.data(`{ apiKeys(first: 1) { nodes { name } pageInfo { endCursor hasNextPage } } }`, undefined, admin);
    const next = await server.data(
      `query($after: String) { apiKeys(first: 1, after: $after) { nodes { name } } }`,
      { after: first.apiKeys.pageInfo.endCursor },
      admin,
    );
    expect([first.apiKeys.nodes[0].name, next.apiKeys.nodes[0].name, first.apiKeys.pageInfo.hasNextPage]).toEqual(['root', 'alice', true]);
  });

  it('has no field for the secret or its hash', async () => {
    const response = await server.gql(`{ apiKeys(first: 1) { nodes { secretHash } } }`, undefined, admin);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Cannot query field "secretHash" on type "ApiKey"/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});

describe('who may manage keys', () => {
  const calls = [
    ['apiKeyCreate', CREATE, { input: { name: 'sneaky', role: 'ADMIN' } }],
    ['apiKeyRevoke', REVOKE, { input: { key: '1' } }],
    ['apiKeys', LIST, undefined],
  ] as const;

  it('tells anonymous callers to send a key, and changes nothing', async () => {
    for (const [field, query, variables] of calls) {
      const response = await server.gql(query, variables);
      expect(response.errors?.[0], field).toMatchObject({
        message: 'This needs an API key: send `Authorization: Bearer <key>`.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('tells an EDITOR key that it takes ADMIN, and changes nothing', async () => {
    for (const [field, query, variables] of calls) {
      const response = await server.gql(query, variables, editor);
      expect(response.errors?.[0], field).toMatchObject({
        message: 'This needs the ADMIN role; the key "alice" is EDITOR.',
        extensions: { code: 'FORBIDDEN' },
      });
    }
    const { apiKeys } = await server.data(LIST, undefined, admin);
    expect(apiKeys.nodes.map((key: { name: string }) => key.name)).not.toContain('sneaky');
    expect(apiKeys.nodes.find((key: { name: string }) => key.name === 'root').revokedAt).toBeNull();
  });
});
