import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { sourcesCommand } from '../../src/cli/sources-command';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let admin: Record<string, string>;
let editor: Record<string, string>;
let communityId: string;
// A folder of its own, so each test registers places that exist.
const root = mkdtempSync(join(tmpdir(), 'eventgraph-sources-'));
const folder = join(root, 'schedules');
mkdirSync(folder);
const file = join(root, 'talks.ics');
writeFileSync(file, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');

/** Runs `npm run sources -- <argv>` against the test database; returns its exit code and what it printed. */
async function sources(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await sourcesCommand(server.db, argv, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: root });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const REGISTER = `mutation($input: SourceRegisterInput!) { sourceRegister(input: $input) { source { id kind location timeZone licence status lastSyncedAt community { slug } } userErrors { field message code } } }`;
const REMOVE = `mutation($id: ID!) { sourceRemove(id: $id) { removedSourceId userErrors { field message code } } }`;
const LIST = `{ sources(first: 100) { totalCount nodes { id kind location community { slug } lastSyncedAt status } } }`;

function input(overrides: Record<string, unknown> = {}) {
  return { kind: 'FRAB_XML', location: folder, community: communityId, timeZone: 'Europe/Brussels', licence: 'CC-BY-4.0', ...overrides };
}

async function register(overrides: Record<string, unknown> = {}, headers = admin) {
  return (await server.data(REGISTER, { input: input(overrides) }, headers)).sourceRegister;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await keyHeaders(server, Role.ADMIN, 'root');
  editor = await keyHeaders(server, Role.EDITOR, 'alice');
  communityId = (await server.data(`{ communities { id slug } }`)).communities.find((c: { slug: string }) => c.slug === 'sofastack').id;
});
afterAll(() => server?.close());

describe('npm run sources', () => {
  it('adds a folder, lists it and removes it by its location', async () => {
    const added = await sources(
      'add',
      'schedules',
      '--kind',
      'frab-xml',
      '--community',
      'sofastack',
      '--time-zone',
      'Europe/Brussels',
      '--licence',
      'CC-BY-4.0',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toMatch(/^Registered source \d+: frab-xml at .*schedules\. Sync it with/);
    const listed = await sources('list', '--json');
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({
        kind: 'FRAB_XML',
        location: folder,
        timeZone: 'Europe/Brussels',
        licence: 'CC-BY-4.0',
        status: 'NEVER_SYNCED',
        lastSyncedAt: null,
      }),
    ]);
    expect((await sources('list')).out).toMatch(/frab-xml .*schedules .*Europe\/Brussels .*CC-BY-4\.0 .*NEVER_SYNCED .*never/);
    expect(await sources('remove', './schedules')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Removed source \d+ .*the records read from it stay\.$/),
    });
    expect((await sources('list')).out).toMatch(/^No sources registered/);
  });

  it('creates the community it names with --community-name, and removes a source by id', async () => {
    const added = await sources(
      'add',
      file,
      '--community',
      'fosdem',
      '--community-name',
      'FOSDEM',
      '--time-zone',
      'UTC',
      '--licence',
      'CC-BY-SA-4.0',
      '--kind',
      'icalendar',
    );
    expect(added.code).toBe(0);
    expect((await server.data(`{ community(slug: "fosdem") { name } }`)).community).toEqual({ name: 'FOSDEM' });
    const [source] = JSON.parse((await sources('list', '--json')).out);
    expect(await sources('remove', String(source.id))).toMatchObject({ code: 0 });
    expect(await sources('remove', String(source.id))).toMatchObject({
      code: 1,
      err: `No source is registered as "${source.id}": see \`npm run sources -- list\`.`,
    });
  });

  const base = ['--community', 'sofastack', '--time-zone', 'Asia/Shanghai', '--licence', 'CC-BY-4.0'];
  it.each([
    [
      'an unknown kind',
      ['add', folder, ...base, '--kind', 'pdf'],
      '--kind: Unknown kind "pdf": use one of auto, hugo-site, frab-xml, schedule-json, sessionize, icalendar.',
    ],
    [
      'a time zone that is not IANA',
      ['add', folder, '--community', 'sofastack', '--time-zone', 'Mars/Olympus', '--licence', 'MIT'],
      '--time-zone: "Mars/Olympus" is not an IANA time zone (e.g. Europe/Brussels).',
    ],
    [
      'an ftp URL',
      ['add', 'ftp://example.org/schedule.xml', ...base],
      'location: The scheme "ftp:" is not supported: give a local path or an http(s) URL.',
    ],
    [
      'a file: URL',
      ['add', `file://${folder}`, ...base],
      'location: The scheme "file:" is not supported: give a local path or an http(s) URL.',
    ],
    [
      'a path that does not exist',
      ['add', 'missing/schedule.xml', ...base],
      `location: No file or folder at "${join(root, 'missing/schedule.xml')}".`,
    ],
    [
      'an unknown community',
      ['add', folder, '--community', 'nobody', '--time-zone', 'UTC', '--licence', 'MIT'],
      '--community: no community "nobody"; create it with --community-name <name>.',
    ],
    [
      'a URL with a password',
      ['add', 'https://bot:secret@example.org/s.json', ...base],
      'location: The URL holds a user name or password; registered locations are shown to readers, so give one without credentials.',
    ],
  ])('refuses %s with its reason and registers nothing', async (_what, argv, message) => {
    expect(await sources(...argv)).toEqual({ code: 1, out: '', err: message });
    expect((await sources('list')).out).toMatch(/^No sources registered/);
  });

  it('refuses a location registered already, written another way', async () => {
    expect((await sources('add', folder, ...base)).code).toBe(0);
    const again = await sources('add', `${root}/./schedules/`, ...base);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^location: A source is registered at ".*schedules" already \(id \d+\)\.$/);
    expect(await sources('remove', folder)).toMatchObject({ code: 0 });
  });

  it('says what is missing, and how to call it', async () => {
    expect(await sources('add', folder, '--community', 'sofastack')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^Missing --time-zone, --licence\nusage:/),
    });
    expect(await sources('rename')).toMatchObject({ code: 2, err: expect.stringMatching(/^usage: npm run sources/) });
  });
});

describe('sourceRegister / sourceRemove / sources', () => {
  it('registers a source as an admin, lists it in `sources` and resolves it as a node, audited', async () => {
    const payload = await register();
    expect(payload.userErrors).toEqual([]);
    expect(payload.source).toMatchObject({
      kind: 'FRAB_XML',
      location: folder,
      timeZone: 'Europe/Brussels',
      licence: 'CC-BY-4.0',
      status: 'NEVER_SYNCED',
      lastSyncedAt: null,
      community: { slug: 'sofastack' },
    });
    const list = (await server.data(LIST, {}, admin)).sources;
    expect(list).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: payload.source.id,
          kind: 'FRAB_XML',
          location: folder,
          community: { slug: 'sofastack' },
          lastSyncedAt: null,
          status: 'NEVER_SYNCED',
        },
      ],
    });
    expect(
      (await server.data(`query($id: ID!) { node(id: $id) { ... on Source { location } } }`, { id: payload.source.id }, admin)).node,
    ).toEqual({ location: folder });
    // Without a key the registry is listed, but where a source lives on the server and why it failed are not told.
    const anonymous = await server.gql(`{ sources(first: 5) { nodes { kind status location } } }`);
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['sources', 'nodes', 0, 'location'], 'UNAUTHENTICATED']]);
    expect((await server.data(`{ sources(first: 5) { nodes { kind status community { slug } } } }`)).sources.nodes).toEqual([
      { kind: 'FRAB_XML', status: 'NEVER_SYNCED', community: { slug: 'sofastack' } },
    ]);
    const audit = await server.data(
      `query($id: ID!) { auditLog(record: $id, first: 10) { nodes { actor operation before after } } }`,
      { id: payload.source.id },
      admin,
    );
    expect(audit.auditLog.nodes).toEqual([
      { actor: 'root', operation: 'sourceRegister', before: null, after: expect.objectContaining({ location: folder, kind: 'FRAB_XML' }) },
    ]);
  });

  it('accepts an http(s) URL for later, in its normal form', async () => {
    const payload = await register({ location: 'HTTPS://Example.org/fosdem/schedule.xml', kind: 'AUTO' });
    expect(payload).toMatchObject({ userErrors: [], source: { location: 'https://example.org/fosdem/schedule.xml', kind: 'AUTO' } });
    expect((await server.data(REMOVE, { id: payload.source.id }, admin)).sourceRemove).toEqual({
      removedSourceId: payload.source.id,
      userErrors: [],
    });
  });

  it.each([
    [
      'a time zone that is not IANA',
      { timeZone: 'Europe/Atlantis', location: file },
      ['input', 'timeZone'],
      '"Europe/Atlantis" is not an IANA time zone (e.g. Europe/Brussels).',
      'INVALID',
    ],
    [
      'a javascript: URL',
      { location: 'javascript:alert(1)' },
      ['input', 'location'],
      'The scheme "javascript:" is not supported: give a local path or an http(s) URL.',
      'INVALID',
    ],
    [
      'a path that does not exist',
      { location: '/no/such/folder' },
      ['input', 'location'],
      'No file or folder at "/no/such/folder".',
      'INVALID',
    ],
    [
      'a location with NUL',
      { location: `${folder}\u0000x` },
      ['input', 'location'],
      'The location holds a control character (such as NUL or a line break).',
      'INVALID',
    ],
    [
      'an empty licence',
      { licence: '  ', location: file },
      ['input', 'licence'],
      'Give the licence the data is published under (e.g. CC-BY-4.0), on one line of at most 200 characters.',
      'INVALID',
    ],
    [
      'a duplicate location',
      {},
      ['input', 'location'],
      expect.stringMatching(/^A source is registered at ".*schedules" already \(id \d+\)\.$/),
      'TAKEN',
    ],
  ])('refuses %s in userErrors and changes nothing', async (_what, overrides, field, message, code) => {
    const payload = await register(overrides);
    expect(payload).toEqual({ source: null, userErrors: [{ field, message, code }] });
    expect((await server.data(LIST, {}, admin)).sources.totalCount).toBe(1);
  });

  it('answers every problem of one input at once', async () => {
    const payload = await register({ location: 'gopher://x', timeZone: 'Nowhere', licence: '' });
    expect(payload.userErrors.map((e: { field: string[] }) => e.field[1])).toEqual(['timeZone', 'licence', 'location']);
  });

  it('refuses an unknown kind before it runs, as a GraphQL input error', async () => {
    const response = await server.gql(REGISTER, { input: input({ kind: 'PDF' }) }, admin);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/SourceKind/);
  });

  it('refuses a community ID of another type', async () => {
    const { sources: list } = await server.data(LIST, {}, admin);
    const payload = await register({ community: list.nodes[0].id });
    expect(payload).toEqual({
      source: null,
      userErrors: [
        { field: ['input', 'community'], message: expect.stringMatching(/belongs to a Source, not a Community/), code: 'INVALID' },
      ],
    });
  });

  it('refuses editors and anonymous callers', async () => {
    const asEditor = await server.gql(REGISTER, { input: input({ location: file }) }, editor);
    expect(asEditor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await server.gql(REGISTER, { input: input({ location: file }) });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { sources: list } = await server.data(LIST, {}, admin);
    expect((await server.gql(REMOVE, { id: list.nodes[0].id }, editor)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.data(LIST, {}, admin)).sources.totalCount).toBe(1);
  });

  it('removes a source, audited, and says when there is none', async () => {
    const { sources: list } = await server.data(LIST, {}, admin);
    const id = list.nodes[0].id;
    expect((await server.data(REMOVE, { id }, admin)).sourceRemove).toEqual({ removedSourceId: id, userErrors: [] });
    expect((await server.data(REMOVE, { id }, admin)).sourceRemove).toEqual({
      removedSourceId: null,
      userErrors: [{ field: ['id'], message: 'No source found.', code: 'NOT_FOUND' }],
    });
    const audit = await server.data(`query($id: ID!) { auditLog(record: $id, first: 10) { nodes { operation after } } }`, { id }, admin);
    expect(audit.auditLog.nodes.map((n: { operation: string }) => n.operation)).toEqual(['sourceRemove', 'sourceRegister']);
    expect((await server.data(LIST, {}, admin)).sources.totalCount).toBe(0);
  });
});
