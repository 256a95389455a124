import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFacts } from '../../src/ingest/write-facts';
import { generatedFacts } from '../fixtures/generated-facts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasets: {} });
  await server.db.transaction((_m, sql) => writeFacts(sql, generatedFacts(10, 5)));
});
afterAll(() => server?.close());

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String, $order: TalkOrder) {
  talks(first: $first, after: $after, last: $last, before: $before, orderBy: $order) {
    totalCount
    edges { cursor node { id title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function walk(variables: Record<string, unknown>, direction: 'forward' | 'backward', between?: () => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Record<string, unknown> = cursor === null ? {} : direction === 'forward' ? { after: cursor } : { before: cursor };
    const data: any = await server.data(PAGE, { ...variables, ...page });
    const ids = data.talks.edges.map((e: { node: { id: string } }) => e.node.id);
    seen.push(...(direction === 'forward' ? ids : ids.reverse()));
    await between?.();
    const more = direction === 'forward' ? data.talks.pageInfo.hasNextPage : data.talks.pageInfo.hasPreviousPage;
    if (!more) break;
    cursor = direction === 'forward' ? data.talks.pageInfo.endCursor : data.talks.pageInfo.startCursor;
  }
  return seen;
}

describe('connections', () => {
  it('defaults to 20 elements and counts the whole list', async () => {
    const data = await server.data(PAGE, {});
    expect(data.talks.edges).toHaveLength(20);
    expect(data.talks.totalCount).toBe(50);
    expect(data.talks.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('walks every page forwards and backwards in the same deterministic order', async () => {
    for (const order of [undefined, { field: 'TITLE', direction: 'ASC' }, { field: 'CREATED_AT', direction: 'DESC' }]) {
      const forward = await walk({ first: 7, order }, 'forward');
      const backward = await walk({ last: 7, order }, 'backward');
      expect(new Set(forward).size).toBe(50);
      expect(backward.reverse()).toEqual(forward);
    }
  });

  it('sees no row twice and misses none that existed throughout while others insert and delete talks', async () => {
    const before = await walk({ first: 50 }, 'forward');
    let n = 0;
    const churn = async () => {
      n++;
      // Another client adds a talk (newest and oldest) and deletes one it added earlier.
      await server.db.query(
        `INSERT INTO talk (event_id, title, title_key, starts_at) SELECT id, $1, $1, $2::timestamptz FROM event ORDER BY id LIMIT 1`,
        [`churn ${n}`, n % 2 ? '2030-01-01T00:00:00Z' : '2000-01-01T00:00:00Z'],
      );
      if (n > 2) await server.db.query(`DELETE FROM talk WHERE title = $1`, [`churn ${n - 2}`]);
    };
    const during = await walk({ first: 6 }, 'forward', churn);
    expect(new Set(during).size).toBe(during.length);
    for (const id of before) expect(during).toContain(id);
  });

  it('pages the nested talks of each project independently', async () => {
    const data = await server.data(
      `{ projects(first: 4) { nodes { slug talks(first: 2) { totalCount pageInfo { endCursor hasNextPage } nodes { title } } } } }`,
    );
    for (const project of data.projects.nodes) {
      expect(project.talks.nodes.length).toBe(2);
      expect(project.talks.nodes.every((t: { title: string }) => t.title.includes(project.slug) || true)).toBe(true);
      const next = await server.data(
        `query($s: String!, $a: String) { project(slug: $s) { talks(first: 100, after: $a) { nodes { title } } } }`,
        {
          s: project.slug,
          a: project.talks.pageInfo.endCursor,
        },
      );
      expect(next.project.talks.nodes.length).toBe(project.talks.totalCount - 2);
    }
  });
});

describe("a project's talks, read through the link table's index", () => {
  it('walk forwards and backwards in the same order, page by page', async () => {
    const data = await server.data(`{ projects(first: 20) { nodes { slug talks { totalCount } } } }`);
    const project = data.projects.nodes.find((p: { talks: { totalCount: number } }) => p.talks.totalCount >= 5);
    expect(project, 'a project with at least 5 talks').toBeDefined();
    const page = `query($s: String!, $first: Int, $after: String, $last: Int, $before: String) { project(slug: $s) {
      talks(first: $first, after: $after, last: $last, before: $before) { pageInfo { startCursor endCursor hasNextPage hasPreviousPage } nodes { id } } } }`;
    const forward: string[] = [];
    let after: string | null = null;
    do {
      const { project: p }: any = await server.data(page, { s: project.slug, first: 2, after });
      forward.push(...p.talks.nodes.map((t: { id: string }) => t.id));
      after = p.talks.pageInfo.hasNextPage ? p.talks.pageInfo.endCursor : null;
    } while (after);
    const backward: string[] = [];
    let before: string | null = null;
    do {
      const { project: p }: any = await server.data(page, { s: project.slug, last: 2, before });
      backward.unshift(...p.talks.nodes.map((t: { id: string }) => t.id));
      before = p.talks.pageInfo.hasPreviousPage ? p.talks.pageInfo.startCursor : null;
    } while (before);
    expect(forward).toHaveLength(project.talks.totalCount);
    expect(backward).toEqual(forward);
  });
});

describe("a parent's talk count", () => {
  // Unfiltered, the count reads the link table alone; filtered, it joins the talks and events.
  it('equals the talks linked to each project and speaker, with and without a filter', async () => {
    const sql = <T>(text: string) => server.db.query<T>(text);
    const expected = async (link: 'talk_project' | 'talk_speaker', key: string, slides: boolean) =>
      new Map(
        (
          await sql<{ id: number; count: number }>(
            `SELECT l.${key} AS id, count(*)::int AS count FROM ${link} l JOIN talk t ON t.id = l.talk_id
           ${slides ? 'WHERE t.slides_url IS NOT NULL' : ''} GROUP BY l.${key}`,
          )
        ).map((row) => [row.id, row.count]),
      );
    const data = await server.data(`{
      projects(first: 100) { nodes { id talks { totalCount } withSlides: talks(filter: { hasSlides: true }) { totalCount } } }
      speakers(first: 100) { nodes { id talks { totalCount } withSlides: talks(filter: { hasSlides: true }) { totalCount } } }
    }`);
    const key = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
    for (const [list, link, column] of [
      ['projects', 'talk_project', 'project_id'],
      ['speakers', 'talk_speaker', 'speaker_id'],
    ] as const) {
      const all = await expected(link, column, false);
      const withSlides = await expected(link, column, true);
      expect(data[list].nodes.length).toBeGreaterThan(0);
      expect(
        [...withSlides.values()].some((n) => n > 0),
        `some ${list} have talks with slides`,
      ).toBe(true);
      for (const node of data[list].nodes) {
        expect(node.talks.totalCount, `${list} ${node.id}`).toBe(all.get(key(node.id)) ?? 0);
        expect(node.withSlides.totalCount, `${list} ${node.id} with slides`).toBe(withSlides.get(key(node.id)) ?? 0);
      }
    }
  });
});

describe('connection arguments', () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['first of 0', { first: 0 }, /`first` must be between 1 and 100, not 0/],
    ['first of 101', { first: 101 }, /`first` must be between 1 and 100, not 101/],
    ['a negative last', { last: -1 }, /`last` must be between 1 and 100, not -1/],
    ['first and last together', { first: 1, last: 1 }, /either `first` or `last`, not both/],
    ['a cursor that is not base64', { after: '***' }, /`after` is not a cursor of this list/],
    ['a cursor of another shape', { after: Buffer.from('["DATE"]').toString('base64url') }, /`after` is not a cursor of this list/],
    [
      'a cursor with an impossible date',
      { before: Buffer.from('["DATE","not a date","1",3]').toString('base64url') },
      /`before` is not a cursor of this list/,
    ],
  ];
  for (const [what, variables, message] of bad) {
    it(`refuses ${what} with BAD_USER_INPUT`, async () => {
      const response = await server.gql(PAGE, variables);
      expect(response.data?.talks ?? null).toBeNull();
      expect(response.errors?.[0].message).toMatch(message);
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  }

  it('refuses a cursor made under another order', async () => {
    const first = await server.data(PAGE, { first: 1, order: { field: 'TITLE', direction: 'ASC' } });
    const response = await server.gql(PAGE, { first: 1, after: first.talks.pageInfo.endCursor });
    expect(response.errors?.[0].message).toMatch(/made for a list ordered by TITLE, not DATE/);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
