import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { anniversaryFacts, seed } from '../../src/database/seed';
import { addTalks } from '../helpers/many-talks';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestApp, type TestServer } from '../helpers/test-server';

// Requests of at most the body limit that look cheap but make the database work: each is
// refused or stopped before it holds the database, on a database of 100,000 talks, while a
// /healthz sent meanwhile answers within a second.

const TALKS = 100_000;
const limit = loadConfig({}).maxQueryCost;
let database: TestDatabase;
let server: TestServer;

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
  server = await startTestApp(database.db, database.engine, database.url);
  // A server that has served requests, not one whose parser and validator run for the first time
  // (cold, they take about twice as long on a document of 10,000 fields).
  await server.post(`{${Array.from({ length: 2500 }, (_, i) => `w${i}:__typename`).join(' ')}}`);
}, 300_000);
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

/** Sends `query` and, while it is in flight, /healthz; returns the answer and how long /healthz took. */
async function withHealthCheck(query: string, variables?: Record<string, unknown>) {
  const answer = server.post(query, variables);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  const health = await fetch(`${server.url}/healthz`);
  const healthMs = performance.now() - started;
  expect(health.status).toBe(200);
  return { ...(await answer), healthMs };
}

const aliased = (count: number, field: string) => `{${Array.from({ length: count }, (_, i) => `a${i}:${field}`).join(' ')}}`;

describe(`cheap-looking fields that make the database work (${TALKS} talks, ${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('refuses 2,500 aliased aggregates before any SQL, with the cost and the limit', async () => {
    const query = aliased(2500, 'analytics{dataQuality{talks}}');
    expect(Buffer.byteLength(JSON.stringify({ query }))).toBeLessThan(100_000);
    const { status, body, healthMs } = await withHealthCheck(query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    // The token limit of the validation stage refuses it first (8 tokens an alias).
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(body.extensions?.sqlStatements ?? 0).toBe(0);
    expect(healthMs).toBeLessThan(1000);
  });

  it('charges one aggregate as much as a page of 200 fields, so a dashboard figure still fits many times over', async () => {
    const one = await server.post(`{ analytics { dataQuality { talks } } }`);
    expect(one.body.errors).toBeUndefined();
    const [{ talks }] = await database.db.query<{ talks: number }>(`SELECT count(*)::int AS talks FROM talk`);
    expect(one.body.data.analytics.dataQuality.talks).toBe(talks);
  });

  it('refuses 2,500 aliased search counts before any SQL', async () => {
    const query = aliased(2500, 'search(query:"a"){totalCount}');
    expect(Buffer.byteLength(JSON.stringify({ query }))).toBeLessThan(100_000);
    const { status, body, healthMs } = await withHealthCheck(query);
    expect(status).toBe(400);
    // Each: 1, its page of 20 totalCounts (as any field below a connection), 100 for the trigram scan, 20 for the count.
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(body.extensions?.sqlStatements ?? 0).toBe(0);
    expect(healthMs).toBeLessThan(1000);
  });

  it('charges coverage points per period of the range the filter allows, within the years the data spans', async () => {
    const coverage = `query($filter: AnalyticsFilter) { analytics(filter: $filter) { coverage(period: MONTH, first: 10) { points { period talks } } } }`;
    // coverage 1 + 10 projects × points 1, 200 for its aggregate; then 1900 to 2200 (a year of
    // margin on each side of the data) × 12 months × 10 projects × 2 fields per point.
    const { status, body, healthMs } = await withHealthCheck(coverage);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, cost: 1 + 211 + 301 * 12 * 10 * 2 });
    expect(healthMs).toBeLessThan(1000);
    // Two years asked for, and the same selection is cheap: 212 + 2 × 12 × 10 × 2.
    const twoYears = await server.post(coverage, { filter: { from: '2024-01-01T00:00:00Z', to: '2025-12-31T00:00:00Z' } });
    expect(twoYears.body.errors).toBeUndefined();
  });

  it('refuses a free-text filter longer than search takes, in every list, before any SQL', async () => {
    const long = 'talk '.repeat(18_000);
    for (const list of ['talks', 'events', 'speakers', 'projects']) {
      const { status, body, healthMs } = await withHealthCheck(`query($q: String) { ${list}(filter: { query: $q }) { totalCount } }`, { q: long });
      expect(status, list).toBe(400);
      expect(body.errors?.[0]).toMatchObject({ message: '`filter.query` may be at most 200 characters long, not 90000.', extensions: { code: 'BAD_USER_INPUT', argument: 'filter.query' } });
      expect(body.extensions?.sqlStatements ?? 0).toBe(0);
      expect(healthMs).toBeLessThan(1000);
    }
    const search = await server.post(`query($q: String!) { search(query: $q) { totalCount } }`, { q: long });
    expect(search.body.errors?.[0]).toMatchObject({ message: '`query` may be at most 200 characters long, not 90000.', extensions: { code: 'BAD_USER_INPUT', argument: 'query' } });
    const fits = await server.post(`query($q: String) { talks(filter: { query: $q }) { totalCount } }`, { q: 'synthetic talk 99999' });
    expect(fits.body.data.talks.totalCount).toBe(1);
  });
});

describe('the statement and row budget of a request', () => {
  it('stops a request that passes the cost check but sends more statements than the budget', async () => {
    const { statements } = { statements: loadConfig({}).maxSqlStatements };
    // 100 counts with filters of their own: 100 × 41, well under the cost limit, and 100 statements.
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: talks(filter: { query: "talk ${i}1" }) { totalCount }`).join(' ')} }`;
    const { body, healthMs } = await withHealthCheck(query);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors?.[0]).toMatchObject({
      message: `This request needs more than ${statements} SQL statements, the most one request may send; ask for less in one request.`,
      extensions: { code: 'QUERY_BUDGET_EXCEEDED', budget: 'statements', limit: statements },
    });
    expect(body.extensions?.sqlStatements).toBe(statements);
    expect(healthMs).toBeLessThan(1000);
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
