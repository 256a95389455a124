import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { fromGlobalId } from '../../src/graphql/global-id';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
let admin: Record<string, string>;
let communityId: string;

/** Runs a mutation as `headers` and returns its payload, failing on GraphQL errors. */
async function mutate(query: string, variables: Record<string, unknown>, headers = editor): Promise<any> {
  const response = await server.gql(query, variables, headers);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return Object.values(response.data)[0];
}

const EVENT_CREATE = `mutation($input: EventCreateInput!) { eventCreate(input: $input) { event { id slug title city tags startsAt links { kind url } community { slug } } userErrors { field message code } } }`;
const TALK_CREATE = `mutation($input: TalkCreateInput!) { talkCreate(input: $input) { talk { id title position kind } userErrors { field message code } } }`;
const SPEAKER_CREATE = `mutation($input: SpeakerCreateInput!) { speakerCreate(input: $input) { speaker { id name alias affiliation } userErrors { field message code } } }`;

beforeAll(async () => {
  server = await startTestServer();
  editor = await keyHeaders(server, Role.EDITOR, 'alice');
  admin = await keyHeaders(server, Role.ADMIN, 'root');
  communityId = (await server.data(`{ communities { id slug } }`)).communities.find((c: { slug: string }) => c.slug === 'sofastack').id;
});
afterAll(() => server?.close());

describe('eventCreate / eventUpdate / eventDelete', () => {
  it('creates an event and reads it back', async () => {
    const payload = await mutate(EVENT_CREATE, {
      input: {
        community: communityId,
        slug: 'sofa-meetup-99',
        title: 'SOFAMeetup #99',
        city: '杭州',
        tags: ['meetup'],
        startsAt: '2026-05-01T06:00:00Z',
        links: [{ kind: 'REPLAY', url: 'https://example.org/r' }],
      },
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.event).toMatchObject({
      slug: 'sofa-meetup-99',
      title: 'SOFAMeetup #99',
      city: '杭州',
      tags: ['meetup'],
      community: { slug: 'sofastack' },
    });
    expect(payload.event.links).toEqual([{ kind: 'REPLAY', url: 'https://example.org/r' }]);
    const read = await server.data(`{ event(slug: "sofa-meetup-99") { title startsAt } }`);
    expect(read.event).toEqual({ title: 'SOFAMeetup #99', startsAt: '2026-05-01T06:00:00.000Z' });
  });

  it('refuses a slug that is taken, with a userError on slug, and changes nothing', async () => {
    const payload = await mutate(EVENT_CREATE, { input: { community: communityId, slug: 'sofa-meetup-99', title: 'Again' } });
    expect(payload.event).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'slug'], message: 'Another event already has this slug.', code: 'TAKEN' }]);
  });

  it('updates only the fields given, clears a field given as null', async () => {
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { id } }`);
    const payload = await mutate(
      `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { title city venue tags } userErrors { field code } } }`,
      {
        id: event.id,
        input: { venue: '蚂蚁 A 空间', city: null },
      },
    );
    expect(payload).toEqual({ event: { title: 'SOFAMeetup #99', city: null, venue: '蚂蚁 A 空间', tags: ['meetup'] }, userErrors: [] });
  });

  it('refuses an end before the start', async () => {
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { id } }`);
    const payload = await mutate(
      `mutation($id: ID!, $input: EventUpdateInput!) { eventUpdate(id: $id, input: $input) { event { id } userErrors { field code } } }`,
      {
        id: event.id,
        input: { endsAt: '2026-04-01T00:00:00Z' },
      },
    );
    expect(payload).toEqual({ event: null, userErrors: [{ field: ['input', 'endsAt'], code: 'INVALID' }] });
  });

  it('deletes an event with its talks', async () => {
    const created = await mutate(EVENT_CREATE, { input: { community: communityId, slug: 'to-delete', title: 'To delete' } });
    const talk = await mutate(TALK_CREATE, { input: { event: created.event.id, title: 'Doomed' } });
    const payload = await mutate(`mutation($id: ID!) { eventDelete(id: $id) { deletedEventId userErrors { code } } }`, {
      id: created.event.id,
    });
    expect(payload).toEqual({ deletedEventId: created.event.id, userErrors: [] });
    const after = await server.data(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [created.event.id, talk.talk.id] });
    expect(after.nodes).toEqual([null, null]);
    const again = await mutate(`mutation($id: ID!) { eventDelete(id: $id) { deletedEventId userErrors { field code } } }`, {
      id: created.event.id,
    });
    expect(again).toEqual({ deletedEventId: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND' }] });
  });
});

describe('talks and their links', () => {
  it('creates talks after the last one, refuses a second talk of the same title', async () => {
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { id } }`);
    const first = await mutate(TALK_CREATE, { input: { event: event.id, title: 'Seata in production' } });
    const second = await mutate(TALK_CREATE, { input: { event: event.id, title: 'Layotto 入门', kind: 'WORKSHOP' } });
    expect(first.talk).toMatchObject({ title: 'Seata in production', position: 1, kind: 'TALK' });
    expect(second.talk).toMatchObject({ position: 2, kind: 'WORKSHOP' });
    const dup = await mutate(TALK_CREATE, { input: { event: event.id, title: '  seata IN production. ' } });
    expect(dup.userErrors).toEqual([
      { field: ['input', 'title'], message: 'The event already has a talk with this title.', code: 'TAKEN' },
    ]);
  });

  it('links and unlinks a speaker with a role, and a project', async () => {
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { talks { nodes { id title } } } }`);
    const talkId = event.talks.nodes[0].id;
    const speaker = (await mutate(SPEAKER_CREATE, { input: { name: 'Test Person', affiliation: 'Example Co' } })).speaker;
    const { project } = await server.data(`{ project(slug: "seata") { id } }`);
    const linked = await mutate(
      `mutation($input: TalkSpeakerLinkInput!) { talkSpeakerLink(input: $input) { talk { credits { role speaker { name } } } userErrors { code } } }`,
      {
        input: { talk: talkId, speaker: speaker.id, role: 'MODERATOR' },
      },
    );
    expect(linked).toEqual({ talk: { credits: [{ role: 'MODERATOR', speaker: { name: 'Test Person' } }] }, userErrors: [] });
    const covered = await mutate(
      `mutation($input: TalkProjectLinkInput!) { talkProjectLink(input: $input) { talk { projects { slug } } userErrors { code } } }`,
      {
        input: { talk: talkId, project: project.id },
      },
    );
    expect(covered.talk.projects).toEqual([{ slug: 'seata' }]);
    const unlinked = await mutate(
      `mutation($input: TalkSpeakerUnlinkInput!) { talkSpeakerUnlink(input: $input) { talk { credits { role } } userErrors { field code } } }`,
      {
        input: { talk: talkId, speaker: speaker.id },
      },
    );
    expect(unlinked).toEqual({ talk: { credits: [] }, userErrors: [] });
    const twice = await mutate(
      `mutation($input: TalkSpeakerUnlinkInput!) { talkSpeakerUnlink(input: $input) { talk { id } userErrors { field code } } }`,
      {
        input: { talk: talkId, speaker: speaker.id },
      },
    );
    expect(twice).toEqual({ talk: null, userErrors: [{ field: ['input', 'speaker'], code: 'NOT_FOUND' }] });
    const unproject = await mutate(
      `mutation($input: TalkProjectLinkInput!) { talkProjectUnlink(input: $input) { talk { projects { slug } } userErrors { code } } }`,
      {
        input: { talk: talkId, project: project.id },
      },
    );
    expect(unproject.talk.projects).toEqual([]);
  });

  it('says which ID is of the wrong type', async () => {
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { id talks { nodes { id } } } }`);
    const payload = await mutate(
      `mutation($input: TalkSpeakerLinkInput!) { talkSpeakerLink(input: $input) { talk { id } userErrors { field message code } } }`,
      {
        input: { talk: event.talks.nodes[0].id, speaker: event.id },
      },
    );
    expect(payload.userErrors).toEqual([
      { field: ['input', 'speaker'], message: expect.stringContaining('belongs to a Event, not a Speaker'), code: 'INVALID' },
    ]);
  });
});

describe('projects and aliases', () => {
  const ALIAS_ADD = `mutation($input: ProjectAliasInput!) { projectAliasAdd(input: $input) { project { slug aliases } userErrors { field message code } } }`;

  it('creates a project and finds it by a new alias', async () => {
    const created = await mutate(
      `mutation($input: ProjectCreateInput!) { projectCreate(input: $input) { project { id slug } userErrors { code } } }`,
      {
        input: { slug: 'demo-mesh', name: 'Demo Mesh', repositoryUrl: 'https://github.com/example/demo-mesh' },
      },
    );
    expect(created.userErrors).toEqual([]);
    const added = await mutate(ALIAS_ADD, { input: { project: created.project.id, alias: 'DemoMesh Classic' } });
    expect(added.project.aliases).toContain('DemoMesh Classic');
    const found = await server.data(`{ project(slug: "demomesh-classic") { slug } }`);
    expect(found.project.slug).toBe('demo-mesh');
  });

  it('refuses an alias or a name another project answers to', async () => {
    const { project } = await server.data(`{ project(slug: "demo-mesh") { id } }`);
    const alias = await mutate(ALIAS_ADD, { input: { project: project.id, alias: 'fescar' } });
    expect(alias.userErrors).toEqual([
      { field: ['input', 'alias'], message: 'The project "seata" already answers to "fescar".', code: 'TAKEN' },
    ]);
    const renamed = await mutate(
      `mutation($id: ID!, $input: ProjectUpdateInput!) { projectUpdate(id: $id, input: $input) { project { id } userErrors { field code } } }`,
      {
        id: project.id,
        input: { name: 'SOFA-Serverless' },
      },
    );
    expect(renamed.userErrors).toEqual([{ field: ['input', 'name'], code: 'TAKEN' }]);
  });

  it('removes an alias', async () => {
    const { project } = await server.data(`{ project(slug: "demo-mesh") { id } }`);
    const removed = await mutate(
      `mutation($input: ProjectAliasInput!) { projectAliasRemove(input: $input) { project { aliases } userErrors { code } } }`,
      {
        input: { project: project.id, alias: 'demomesh classic' },
      },
    );
    expect(removed).toEqual({ project: { aliases: [] }, userErrors: [] });
  });
});

describe('speakerMerge', () => {
  it('folds a duplicate into the kept record with every credit, project role and source', async () => {
    const before = await server.data(
      `{ speakers(filter: { query: "亦夏" }) { nodes { id name alias talks { totalCount } sources { uri } } } }`,
    );
    const wang = before.speakers.nodes.find((s: { name: string }) => s.name === '王特');
    const dup = (await mutate(SPEAKER_CREATE, { input: { name: 'Wang Te (duplicate)', bio: 'Seata maintainer.' } })).speaker;
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { talks { nodes { id } } } }`);
    await mutate(`mutation($input: TalkSpeakerLinkInput!) { talkSpeakerLink(input: $input) { userErrors { code } } }`, {
      input: { talk: event.talks.nodes[1].id, speaker: dup.id },
    });
    // Provenance and project roles only come from imports; give the duplicate some directly.
    const dupId = fromGlobalId(dup.id).id;
    const [source] = await server.db.query<{ id: number }>(
      `INSERT INTO source (uri, content_hash) VALUES ('test://dup-page', 'h') RETURNING id`,
    );
    await server.db.query(
      `INSERT INTO record_source (source_id, record_type, record_id, locator) VALUES ($1, 'Speaker', $2, '{"line": 7}')`,
      [source.id, dupId],
    );
    await server.db.query(
      `INSERT INTO speaker_project (speaker_id, project_id, role) SELECT $1, id, 'committer' FROM project WHERE slug = 'layotto'`,
      [dupId],
    );
    const merged = await mutate(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { speaker { name alias bio talks { totalCount } } userErrors { code } } }`,
      {
        input: { speaker: wang.id, duplicate: dup.id },
      },
    );
    expect(merged.userErrors).toEqual([]);
    expect(merged.speaker).toEqual({
      name: '王特',
      alias: '亦夏',
      bio: 'Seata maintainer.',
      talks: { totalCount: wang.talks.totalCount + 1 },
    });
    const gone = await server.data(`query($id: ID!) { node(id: $id) { id } }`, { id: dup.id });
    expect(gone.node).toBeNull();
    const wangId = fromGlobalId(wang.id).id;
    const sources = await server.db.query(
      `SELECT s.uri, rs.locator FROM record_source rs JOIN source s ON s.id = rs.source_id WHERE rs.record_type = 'Speaker' AND rs.record_id = $1`,
      [wangId],
    );
    expect(sources).toContainEqual({ uri: 'test://dup-page', locator: { line: 7 } });
    for (const s of wang.sources) expect(sources.map((r: any) => r.uri)).toContain(s.uri);
    const roles = await server.db.query(
      `SELECT p.slug, sp.role FROM speaker_project sp JOIN project p ON p.id = sp.project_id WHERE sp.speaker_id = $1`,
      [wangId],
    );
    expect(roles).toContainEqual({ slug: 'layotto', role: 'committer' });
    expect(await server.db.query(`SELECT 1 FROM record_source WHERE record_type = 'Speaker' AND record_id = $1`, [dupId])).toEqual([]);
    const self = await mutate(
      `mutation($input: SpeakerMergeInput!) { speakerMerge(input: $input) { speaker { name } userErrors { field code } } }`,
      { input: { speaker: wang.id, duplicate: wang.id } },
    );
    expect(self.userErrors).toEqual([{ field: ['input', 'duplicate'], code: 'INVALID' }]);
  });
});

describe('authentication and authorization', () => {
  const CREATE = `mutation { speakerCreate(input: { name: "Nobody" }) { speaker { id } } }`;

  it('lets anonymous requests read but not write', async () => {
    const response = await server.gql(CREATE);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toMatch(/Authorization: Bearer/);
    expect((await server.data(`{ speakers(first: 1) { totalCount } }`)).speakers.totalCount).toBeGreaterThan(0);
  });

  it('refuses a wrong, malformed or revoked key with 401', async () => {
    const revoked = await keyHeaders(server, Role.EDITOR, 'revoked');
    const lookup = revoked.authorization.split('_')[1];
    await server.db.query(`UPDATE api_key SET revoked_at = now() WHERE lookup = $1`, [lookup]);
    const forged = editor.authorization.slice(0, -4) + 'AAAA';
    for (const [authorization, message] of [
      [forged, 'Unknown API key.'],
      ['Bearer not-a-key', 'That is not an eventgraph API key.'],
      ['Basic dXNlcjpwYXNz', 'The Authorization header must be `Bearer <API key>`.'],
      [revoked.authorization, 'This API key has been revoked.'],
    ]) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status, authorization).toBe(401);
      const body = (await response.json()) as any;
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toContain(message);
    }
  });

  it('keeps the audit log for admins, with who, what, before and after', async () => {
    const refused = await server.gql(`{ auditLog(first: 5) { totalCount } }`, {}, editor);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { event } = await server.data(`{ event(slug: "sofa-meetup-99") { id } }`);
    const log = await server.gql(
      `query($id: ID!) { auditLog(first: 10, record: $id) { nodes { actor operation recordType record before after at } } }`,
      { id: event.id },
      admin,
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data.auditLog.nodes;
    expect(entries.map((e: { operation: string }) => e.operation)).toEqual(['eventUpdate', 'eventCreate']);
    expect(entries[0]).toMatchObject({ actor: 'alice', recordType: 'Event', record: event.id });
    expect(entries[0].before).toMatchObject({ city: '杭州', venue: null });
    expect(entries[0].after).toMatchObject({ city: null, venue: '蚂蚁 A 空间' });
    expect(entries[1].before).toBeNull();
  });

  it('writes no audit entry for a mutation that failed', async () => {
    const count = async () => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const before = await count();
    await mutate(EVENT_CREATE, { input: { community: communityId, slug: 'sofa-meetup-99', title: 'Dup' } });
    expect(await count()).toBe(before);
  });
});
