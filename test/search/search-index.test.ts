import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlRunner } from '../../src/database/database';
import { builtInDataset, seed } from '../../src/dataset/seed';
import { whereSql } from '../../src/lists/keyset-page';
import { SqlParams } from '../../src/database/sql-params';
import { eventConditions } from '../../src/events/event.filter';
import { projectConditions } from '../../src/projects/project.filter';
import { SearchType } from '../../src/search/search-type.enum';
import { searchGraph } from '../../src/search/search.query';
import { speakerConditions } from '../../src/speakers/speaker.filter';
import { talkConditions } from '../../src/talks/talk.filter';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// Text search and every list's `query` filter must be answerable from the trigram indexes: a
// condition no index can serve (as `LIKE ALL(array)` was) reads every row of the table. With
// sequential scans priced out, the plan shows which conditions an index serves; on a table this
// small the planner would otherwise rightly prefer to read it all.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db, builtInDataset);
}, 120_000);
afterAll(() => database?.drop());

/** The plan of `text` with sequential scans priced out, as one string. */
async function plan(text: string, values: unknown[]): Promise<string> {
  return database.db.transaction(async (_manager, sql) => {
    await sql('SET LOCAL enable_seqscan = off');
    const rows = await sql<Record<string, string>>(`EXPLAIN ${text}`, values);
    return rows.map((row) => Object.values(row)[0]).join('\n');
  });
}

describe(`text search uses the trigram indexes (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('for every kind the search covers, and the hits are the rows containing every word', async () => {
    const statements: { text: string; values: unknown[] }[] = [];
    const capture: SqlRunner = async <T>(text: string, params?: readonly unknown[]) => {
      statements.push({ text, values: [...(params ?? [])] });
      return [] as T[];
    };
    await searchGraph(capture, 'seata 分布式事务', Object.values(SearchType), 20, 0);
    expect(statements).toHaveLength(1);
    for (const { text, values } of statements) {
      const shown = await plan(text, values);
      for (const index of ['project_search_trgm_idx', 'event_search_trgm_idx', 'talk_search_trgm_idx', 'speaker_search_trgm_idx']) {
        // Projects also match on their aliases, which no index holds; the 60-odd projects are read whole.
        if (index === 'project_search_trgm_idx') continue;
        expect(shown, `${index} in\n${shown}`).toContain(index);
      }
    }
    // The same statements, run for real, find what a plain containment check finds.
    const { hits, total } = await searchGraph(database.db.query, 'seata 分布式事务', [SearchType.TALK, SearchType.EVENT], 100, 0);
    const [{ expected }] = await database.db.query<{ expected: number }>(
      `SELECT (SELECT count(*) FROM talk WHERE strpos(search_text, 'seata') > 0 AND strpos(search_text, '分布式事务') > 0)
            + (SELECT count(*) FROM event WHERE strpos(search_text, 'seata') > 0 AND strpos(search_text, '分布式事务') > 0) AS expected`,
    );
    expect(Number(expected)).toBeGreaterThan(0);
    expect(total).toBe(Number(expected));
    expect(hits).toHaveLength(Number(expected));
  });

  it('ranks at most `candidates` matches of each kind, and then says the total is a lower bound', async () => {
    const all = await searchGraph(database.db.query, 'seata', [SearchType.TALK], 100, 0, 1000);
    expect(all.total).toBeGreaterThan(3);
    expect(all.exact).toBe(true);
    const ids = new Set(all.hits.map((h) => h.id));
    // Two ranked of more: the total counts the two, is not exact, and the page is the two, best first.
    const bounded = await searchGraph(database.db.query, 'seata', [SearchType.TALK], 100, 0, 2);
    expect(bounded).toMatchObject({ total: 2, exact: false });
    expect(bounded.hits).toHaveLength(2);
    for (const hit of bounded.hits) expect(ids.has(hit.id), `hit ${hit.id} is a match`).toBe(true);
    expect(bounded.hits[0].score).toBeGreaterThanOrEqual(bounded.hits[1].score);
    // Past the ranked matches the page is empty and still says the same total, not exact.
    expect(await searchGraph(database.db.query, 'seata', [SearchType.TALK], 100, 5, 2)).toEqual({ hits: [], total: 2, exact: false });
    // Exactly as many matches as the bound: every match is counted, but it cannot tell there are no more, so it says "at least".
    expect(await searchGraph(database.db.query, 'seata', [SearchType.TALK], 1, 0, all.total)).toMatchObject({
      total: all.total,
      exact: false,
    });
    // One more than the matches: exact, the same total and the same best hit as unbounded.
    const roomy = await searchGraph(database.db.query, 'seata', [SearchType.TALK], 1, 0, all.total + 1);
    expect(roomy).toMatchObject({ total: all.total, exact: true });
    expect(roomy.hits[0].id).toBe(all.hits[0].id);
    // The bound is per kind: one kind at its bound makes the total inexact though another has fewer.
    const kinds = await searchGraph(database.db.query, 'seata', [SearchType.PROJECT, SearchType.TALK], 100, 0, 2);
    expect(kinds.exact).toBe(false);
    expect(kinds.hits.filter((h) => h.type === SearchType.TALK)).toHaveLength(2);
    expect(kinds.hits.filter((h) => h.type === SearchType.PROJECT).length).toBeGreaterThan(0);
  });

  it('finds Chinese substrings through the trigram index, every match counted', async () => {
    const [{ expected }] = await database.db.query<{ expected: number }>(
      `SELECT count(*)::int AS expected FROM talk WHERE strpos(search_text, '分布式事务') > 0 AND withdrawn_at IS NULL`,
    );
    expect(expected).toBeGreaterThan(0);
    const found = await searchGraph(database.db.query, '分布式事务', [SearchType.TALK], 100, 0, 1000);
    expect(found).toMatchObject({ total: expected, exact: true });
    expect(found.hits).toHaveLength(expected);
  });

  it("for each list's `query` filter", async () => {
    const cases: [string, string, (params: SqlParams) => string[], string][] = [
      ['talks', 'talk t JOIN event e ON e.id = t.event_id', (p) => talkConditions({ query: 'mesh 架构' }, p), 'talk_search_trgm_idx'],
      ['events', 'event e', (p) => eventConditions({ query: 'sofa meetup' }, p), 'event_search_trgm_idx'],
      ['speakers', 'speaker s', (p) => speakerConditions({ query: 'wang' }, p), 'speaker_search_trgm_idx'],
    ];
    for (const [list, from, conditions, index] of cases) {
      const params = new SqlParams();
      const shown = await plan(`SELECT 1 FROM ${from}${whereSql(conditions(params))}`, params.values);
      expect(shown, `${list}: ${shown}`).toContain(index);
    }
    // Projects match on name, description and aliases together; the condition still holds every word.
    const params = new SqlParams();
    const where = projectConditions({ query: 'Seata  AT' }, params);
    expect(where.join(' ')).toMatch(/LIKE \$1\b.*LIKE \$2\b/);
    expect(params.values).toEqual(['%seata%', '%at%']);
  });
});
