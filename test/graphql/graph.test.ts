import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('event(slug:)', () => {
  it('gives the seed event with its agenda, speakers and projects', async () => {
    const data = await server.data(`{
      event(slug: "sofastack-6th-anniversary") {
        title series format city venue startsAt endsAt timeZone tags
        links { kind url }
        community { slug name }
        talks { totalCount nodes { title kind position } }
        speakers(first: 10) { totalCount nodes { name alias } }
        projects { slug }
        sources { uri contentHash }
      }
    }`);
    const event = data.event;
    expect(event).toMatchObject({
      title: 'SOFA 六周年，Hello SOFA World',
      format: 'HYBRID',
      city: '上海',
      startsAt: '2024-04-20T05:30:00.000Z',
      endsAt: '2024-04-20T10:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      community: { slug: 'sofastack', name: 'SOFAStack' },
    });
    expect(event.links).toEqual([{ kind: 'PHOTO_ALBUM', url: 'https://www.pailixiang.com/album_ia5949022472.html' }]);
    expect(event.talks.totalCount).toBe(6);
    expect(event.talks.nodes.map((t: { position: number }) => t.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(event.talks.nodes.map((t: { title: string }) => t.title)).toEqual([
      'Apache Seata(incubating) 新征程',
      '探索微服务下一站，Koupleless 模块化研发框架与运维调度系统',
      '开源：除了代码之外还需要做哪些事？',
      '厚积薄发 - MOSN 社区开启新征程',
      'SOFABoot - 新一代研发框架',
      'Envoy 网关基于 MOE 架构的落地与实践',
    ]);
    expect(event.speakers.totalCount).toBe(6);
    expect(event.speakers.nodes).toContainEqual({ name: '胡子杰', alias: '致节' });
    expect(event.projects.map((p: { slug: string }) => p.slug).sort()).toEqual(['envoy', 'koupleless', 'mosn', 'seata', 'sofaboot']);
    expect(event.sources).toEqual([{ uri: 'dataset:sofa-6th-anniversary', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('is null for an unknown slug', async () => {
    expect((await server.data(`{ event(slug: "nope") { title } }`)).event).toBeNull();
  });
});

describe('speaker', () => {
  it('finds a person by alias or by real name, with talks, events and project roles', async () => {
    const byAlias = await server.data(
      `{ speaker(name: "有济") { id name alias talks { nodes { title } } events { nodes { slug } } projects { slug } projectRoles { role project { slug } } } }`,
    );
    expect(byAlias.speaker).toMatchObject({
      name: '赵真灵',
      alias: '有济',
      talks: { nodes: [{ title: '探索微服务下一站，Koupleless 模块化研发框架与运维调度系统' }] },
      events: { nodes: [{ slug: 'sofastack-6th-anniversary' }] },
      projects: [{ slug: 'koupleless' }],
      projectRoles: [{ role: 'Koupleless 社区负责人', project: { slug: 'koupleless' } }],
    });
    const byName = await server.data(`query($id: ID!) { speaker(id: $id) { alias } }`, { id: byAlias.speaker.id });
    expect(byName.speaker.alias).toBe('有济');
  });

  it('needs exactly one of id and name', async () => {
    const response = await server.gql(`{ speaker { name } }`);
    expect(response.errors?.[0]).toMatchObject({ message: 'Pass exactly one of `id` and `name`.', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('talks(filter:)', () => {
  const titles = async (filter: Record<string, unknown>) =>
    (await server.data(`query($f: TalkFilter) { talks(filter: $f, first: 100) { nodes { title } } }`, { f: filter })).talks.nodes.map(
      (t: { title: string }) => t.title,
    );

  it('finds talks given under a former project name', async () => {
    expect(await titles({ projects: ['SOFAServerless'] })).toEqual(['探索微服务下一站，Koupleless 模块化研发框架与运维调度系统']);
  });

  it('filters by speaker alias, city, format, series, kind, text and date range', async () => {
    expect(await titles({ speakers: ['人德'] })).toEqual(['厚积薄发 - MOSN 社区开启新征程']);
    expect(await titles({ cities: ['上海'], formats: ['HYBRID'], series: ['anniversary'] })).toHaveLength(6);
    expect(await titles({ formats: ['ONLINE'] })).toEqual([]);
    expect(await titles({ kinds: ['PANEL'] })).toEqual([]);
    expect(await titles({ query: '新征程' })).toEqual(
      expect.arrayContaining(['Apache Seata(incubating) 新征程', '厚积薄发 - MOSN 社区开启新征程']),
    );
    expect(await titles({ query: 'seata 新征程' })).toEqual(['Apache Seata(incubating) 新征程']);
    expect(await titles({ from: '2024-04-20T00:00:00Z', to: '2024-04-21T00:00:00Z' })).toHaveLength(6);
    expect(await titles({ from: '2024-04-21T00:00:00Z' })).toEqual([]);
    expect(await titles({ projects: ['mosn'], speakers: ['杜鑫'] })).toEqual(['Envoy 网关基于 MOE 架构的落地与实践']);
  });

  it('treats LIKE wildcards in text literally', async () => {
    expect(await titles({ query: '%' })).toEqual([]);
    expect(await titles({ query: '_' })).toEqual([]);
  });

  it('refuses a malformed date: BAD_USER_INPUT as a variable, a validation error as a literal', async () => {
    const asVariable = await server.gql(`query($f: TalkFilter) { talks(filter: $f) { totalCount } }`, { f: { from: 'yesterday' } });
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(asVariable.errors?.[0].message).toMatch(/DateTime/);
    const asLiteral = await server.gql(`{ talks(filter: { from: "2024-02-30T00:00:00Z" }) { totalCount } }`);
    expect(asLiteral.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(asLiteral.errors?.[0].message).toMatch(/DateTime/);
  });
});

describe('search(query:)', () => {
  it('finds Chinese text inside titles', async () => {
    const data = await server.data(
      `{ search(query: "新征程") { totalCount totalCountIsExact nodes { __typename ... on Talk { title } } } }`,
    );
    expect(data.search.totalCount).toBe(2);
    // Far fewer matches than search ranks of a kind: the total is every match.
    expect(data.search.totalCountIsExact).toBe(true);
    expect(data.search.nodes.map((n: { title: string }) => n.title).sort()).toEqual([
      'Apache Seata(incubating) 新征程',
      '厚积薄发 - MOSN 社区开启新征程',
    ]);
  });

  it('finds every kind, exact names first', async () => {
    const data = await server.data(
      `{ search(query: "seata") { nodes { __typename ... on Project { slug } ... on Talk { title } ... on Speaker { name } } } }`,
    );
    expect(data.search.nodes[0]).toEqual({ __typename: 'Project', slug: 'seata' });
    expect(data.search.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(['Project', 'Talk']);
  });

  it('finds projects by alias and speakers by 花名', async () => {
    const data = await server.data(
      `{ a: search(query: "fescar", types: [PROJECT]) { nodes { ... on Project { slug } } } b: search(query: "亦夏", types: [SPEAKER]) { nodes { ... on Speaker { name } } } }`,
    );
    expect(data.a.nodes).toEqual([{ slug: 'seata' }]);
    expect(data.b.nodes).toEqual([{ name: '王特' }]);
  });

  it('pages through hits with cursors', async () => {
    const first = await server.data(
      `{ search(query: "新征程", first: 1) { pageInfo { hasNextPage endCursor } nodes { ... on Talk { title } } } }`,
    );
    expect(first.search.pageInfo.hasNextPage).toBe(true);
    const second = await server.data(
      `query($a: String) { search(query: "新征程", first: 1, after: $a) { pageInfo { hasNextPage } nodes { ... on Talk { title } } } }`,
      {
        a: first.search.pageInfo.endCursor,
      },
    );
    expect(second.search.pageInfo.hasNextPage).toBe(false);
    expect(second.search.nodes[0].title).not.toBe(first.search.nodes[0].title);
  });

  it('gives the same total on every page, past the last hit too, in one statement per page', async () => {
    const fields = `__typename ... on Node { id createdAt updatedAt } ... on Project { slug name description repositoryUrl homepageUrl }
      ... on Talk { title abstract kind startsAt endsAt slidesUrl videoUrl } ... on Speaker { name alias affiliation jobTitle: title bio } ... on Event { slug title city }`;
    const all = await server.gql(`{ search(query: "seata", first: 100) { totalCount edges { cursor node { ${fields} } } } }`);
    const total = all.data.search.totalCount;
    expect(total).toBeGreaterThanOrEqual(2);
    expect(all.data.search.edges).toHaveLength(total);
    expect(all.extensions?.sqlStatements, 'the hits come whole with the search statement').toBe(1);
    // The objects found are those `node(id:)` gives.
    for (const { node } of all.data.search.edges)
      expect(node).toEqual((await server.data(`query($id: ID!) { node(id: $id) { ${fields} } }`, { id: node.id })).node);
    const cursors = all.data.search.edges.map((e: { cursor: string }) => e.cursor);
    for (const [after, expected] of [
      [cursors[1], total - 2],
      [cursors.at(-2), 1],
      [cursors.at(-1), 0],
    ] as const) {
      const page = await server.data(
        `query($a: String) { search(query: "seata", first: 100, after: $a) { totalCount nodes { __typename } pageInfo { hasNextPage } } }`,
        { a: after },
      );
      expect(page.search.totalCount).toBe(total);
      expect(page.search.nodes).toHaveLength(expected);
      expect(page.search.pageInfo.hasNextPage).toBe(false);
    }
  });

  it('refuses an empty query and a bad cursor with BAD_USER_INPUT', async () => {
    for (const query of [`{ search(query: "  ") { totalCount } }`, `{ search(query: "x", after: "zzz") { totalCount } }`]) {
      const response = await server.gql(query);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('node(id:) and nodes(ids:)', () => {
  it('resolves any object by its ID, in order, with null for unknown ones', async () => {
    const data = await server.data(`{ project(slug: "mosn") { id talks { nodes { id event { id } } } } }`);
    const ids = [data.project.id, data.project.talks.nodes[0].id, data.project.talks.nodes[0].event.id];
    const missing = Buffer.from('Talk:999999').toString('base64url');
    const nodes = await server.data(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [...ids, missing] });
    expect(nodes.nodes.map((n: { __typename: string } | null) => n?.__typename ?? null)).toEqual(['Project', 'Talk', 'Event', null]);
    const one = await server.data(`query($id: ID!) { node(id: $id) { ... on Project { slug } } }`, { id: ids[0] });
    expect(one.node).toEqual({ slug: 'mosn' });
  });

  it('refuses a malformed ID and an ID of the wrong type with BAD_USER_INPUT', async () => {
    const speakerId = Buffer.from('Speaker:1').toString('base64url');
    for (const [query, message] of [
      [`{ node(id: "not-an-id") { id } }`, /is not a valid ID/],
      [`{ talk(id: "${speakerId}") { title } }`, /belongs to a Speaker, not a Talk/],
    ] as const) {
      const response = await server.gql(query);
      expect(response.errors?.[0].message).toMatch(message);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
