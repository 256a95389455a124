import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/auth/api-keys';
import { Role } from '../../../src/graphql/role.enum';
import { loadConfig } from '../../../src/config';
import { anniversaryFacts, seed } from '../../../src/dataset/seed';
import { addTalks } from '../../helpers/many-talks';
import { attack, type WhileAttacked } from '../../helpers/responsive';
import { spyOnStatements } from '../../helpers/statement-spy';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { startTestApp, type TestServer } from '../../helpers/test-server';

// Requests of at most the body limit that look cheap but make the database work, on a database of
// 100,000 talks. Each is sent to a server with the default limits and to one whose validation
// limits (tokens, fields, aliases) are raised far enough to let it through to the cost model:
// both refuse it before a statement is sent, within a second, while a /healthz sent meanwhile
// answers within a second.

const TALKS = 100_000;
const defaults = loadConfig({});
const limit = defaults.maxQueryCost;
/** Validation limits an operator might raise: the cost model must hold on its own. */
const RAISED = { MAX_QUERY_TOKENS: '20000', MAX_QUERY_FIELDS: '20000', MAX_QUERY_ALIASES: '5000' };
let database: TestDatabase;
let guarded: TestServer;
let raised: TestServer;
let editorKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db, { 'sofa-6th-anniversary': anniversaryFacts });
  await addTalks(database.db, TALKS);
  // Two talks three centuries apart: a time series over the whole data runs from 1901 to 2199.
  await database.db.transaction((_manager, sql) =>
    sql(`INSERT INTO talk (event_id, title, title_key, kind, position, starts_at)
         SELECT id, t.title, lower(t.title), 'TALK', t.position, t.at FROM event,
           (VALUES ('Early talk', 1, '1901-05-01T00:00:00Z'::timestamptz), ('Late talk', 2, '2199-05-01T00:00:00Z'::timestamptz)) t(title, position, at)
         ORDER BY id LIMIT 2`),
  );
  editorKey = (await createApiKey(database.db.query, 'cost-test', Role.EDITOR)).token;
  guarded = await startTestApp(database.db, database.engine, database.url);
  raised = await startTestApp(database.db, database.engine, database.url, RAISED);
  // Servers that have served requests, not ones whose parser and validator run for the first time
  // (cold, they take about twice as long on a document of 10,000 fields).
  await raised.post(`{${Array.from({ length: 2500 }, (_, i) => `w${i}:__typename`).join(' ')}}`);
}, 300_000);
afterAll(async () => {
  await guarded?.close();
  await raised?.close();
  await database?.drop();
});

/** `attack`, with the statements the database was sent meanwhile. */
async function attackCounting(
  server: TestServer,
  body: unknown,
  headers?: Record<string, string>,
): Promise<WhileAttacked & { sent: string[] }> {
  const spy = spyOnStatements(database.db);
  try {
    const answer = await attack(server.url, body, 20, headers);
    return { ...answer, sent: spy.sent() };
  } finally {
    spy.restore();
  }
}

const tokenLimit = `The document has more than the limit of ${defaults.maxQueryTokens} tokens (names, values and punctuation): send a smaller one.`;
const tooCostly = (cost: number) => ({
  message: `This operation costs ${cost}, more than the limit of ${limit}: ask for fewer fields or smaller pages.`,
  extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit },
});

/** Asserts `answer` is a 400 with `error` as its only error, sent before any statement, while the server stayed responsive. */
function expectRefusedUnrun(answer: WhileAttacked & { sent: string[] }, error: Record<string, unknown>) {
  expect(answer.status).toBe(400);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors![0]).toMatchObject(error);
  expect(answer.sent).toEqual([]);
  expect(answer.answerMs).toBeLessThan(1000);
  expect(answer.healthzMs).toBeLessThan(1000);
}

describe(`cheap-looking fields that make the database work (${TALKS} talks, ${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  // 2,500 aggregates over every talk in 15,000 tokens: one `analytics`, each alias of `dataQuality` its own GROUP BY.
  const aggregates = `{analytics{${Array.from({ length: 2500 }, (_, i) => `a${i}:dataQuality{talks}`).join(' ')}}}`;

  it('refuses 2,500 aliased aggregates by the token limit with the default limits', async () => {
    expect(Buffer.byteLength(JSON.stringify({ query: aggregates }))).toBeLessThan(defaults.maxBodyBytes);
    expectRefusedUnrun(await attackCounting(guarded, { query: aggregates }), {
      message: tokenLimit,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('refuses them by their cost once the validation limits are raised: each aggregate costs 200 more than its fields', async () => {
    // analytics 1; each dataQuality 1, its field 1, its aggregate 200.
    expectRefusedUnrun(await attackCounting(raised, { query: aggregates }), tooCostly(1 + 2500 * 202));
  });

  it('refuses them with an editor key too, after only the key lookup', async () => {
    const answer = await attackCounting(raised, { query: aggregates }, { authorization: `Bearer ${editorKey}` });
    expectRefusedUnrun(
      { ...answer, sent: answer.sent.filter((text) => !/FROM api_key WHERE lookup = \$1/.test(text)) },
      tooCostly(1 + 2500 * 202),
    );
    expect(answer.sent).toHaveLength(1);
  });

  it('charges one aggregate as much as a page of 200 fields, so a dashboard figure still fits many times over', async () => {
    const one = await guarded.post(`{ analytics { dataQuality { talks } } }`);
    expect(one.body.errors).toBeUndefined();
    const [{ talks }] = await database.db.query<{ talks: number }>(`SELECT count(*)::int AS talks FROM talk`);
    expect(one.body.data.analytics.dataQuality.talks).toBe(talks);
  });

  // 1,800 searches with their counts: 11 tokens each, as many as 20,000 tokens hold.
  const searches = `{${Array.from({ length: 1800 }, (_, i) => `a${i}:search(query:"a"){totalCount}`).join(' ')}}`;

  it('refuses 1,800 aliased search counts by the token limit with the default limits', async () => {
    expectRefusedUnrun(await attackCounting(guarded, { query: searches }), {
      message: tokenLimit,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('refuses them by their cost once the validation limits are raised: the trigram scan and the count are charged', async () => {
    // Each: 1, its page of 20 totalCounts (as any field below a connection), 100 for the trigram scan, 20 for the count.
    expectRefusedUnrun(await attackCounting(raised, { query: searches }), tooCostly(1800 * 141));
  });

  const coverage = `query($filter: AnalyticsFilter) { analytics(filter: $filter) { coverage(period: MONTH, first: 10) { points { period talks } } } }`;

  it('charges coverage points per period of the range the filter allows, within the years the data spans', async () => {
    // coverage 1 + 10 projects × points 1, 200 for its aggregate; then 1900 to 2200 (a year of
    // margin on each side of the data) × 12 months × 10 projects × 2 fields per point.
    for (const server of [guarded, raised])
      expectRefusedUnrun(await attackCounting(server, { query: coverage }), tooCostly(1 + 211 + 301 * 12 * 10 * 2));
    // Two years asked for, and the same selection is cheap: 212 + 2 × 12 × 10 × 2.
    const twoYears = await guarded.post(coverage, { filter: { from: '2024-01-01T00:00:00Z', to: '2025-12-31T00:00:00Z' } });
    expect(twoYears.body.errors).toBeUndefined();
  });

  it('refuses a free-text filter longer than search takes, in every list, before any SQL', async () => {
    const long = 'talk '.repeat(18_000);
    for (const server of [guarded, raised]) {
      for (const list of ['talks', 'events', 'speakers', 'projects']) {
        const answer = await attackCounting(server, {
          query: `query($q: String) { ${list}(filter: { query: $q }) { totalCount } }`,
          variables: { q: long },
        });
        expectRefusedUnrun(answer, {
          message: '`filter.query` may be at most 200 characters long, not 90000.',
          extensions: { code: 'BAD_USER_INPUT', argument: 'filter.query' },
        });
      }
      const search = await attackCounting(server, {
        query: `query($q: String!) { search(query: $q) { totalCount } }`,
        variables: { q: long },
      });
      expectRefusedUnrun(search, {
        message: '`query` may be at most 200 characters long, not 90000.',
        extensions: { code: 'BAD_USER_INPUT', argument: 'query' },
      });
    }
    const fits = await guarded.post(`query($q: String) { talks(filter: { query: $q }) { totalCount } }`, { q: 'synthetic talk 99999' });
    expect(fits.body.data.talks.totalCount).toBe(1);
  });
});

describe('the statement and row budget of a request', () => {
  it('stops a request that passes the cost check but sends more statements than the budget', async () => {
    const statements = defaults.maxSqlStatements;
    // 100 counts with filters of their own: 100 × 41, under the cost limit and within the default alias limit, and 100 statements.
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: talks(filter: { query: "talk ${i}1" }) { totalCount }`).join(' ')} }`;
    const answer = await attackCounting(guarded, { query });
    expect(answer.body.errors?.length).toBeGreaterThan(0);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: `This request needs more than ${statements} SQL statements, the most one request may send; ask for less in one request.`,
      extensions: { code: 'QUERY_BUDGET_EXCEEDED', budget: 'statements', limit: statements },
    });
    expect(answer.body.extensions?.sqlStatements).toBe(statements);
    expect(answer.sent).toHaveLength(statements);
    expect(answer.healthzMs).toBeLessThan(1000);
  });

  it('stops a request whose statements return more rows than MAX_SQL_ROWS', async () => {
    const small = await startTestApp(database.db, database.engine, database.url, { MAX_SQL_ROWS: '50' });
    try {
      const body = await small.gql(`{ talks(first: 100) { nodes { title } } }`);
      expect(body.errors?.[0]).toMatchObject({
        message: 'This request read more than 50 rows from the database, the most one request may read; ask for less in one request.',
        extensions: { code: 'QUERY_BUDGET_EXCEEDED', budget: 'rows', limit: 50 },
      });
      expect((await small.gql(`{ talks(first: 40) { nodes { title } } }`)).errors).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});
