import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database';
import {
  keysetCountSql,
  keysetPageSql,
  type KeysetPosition,
  type KeysetQuery,
  type KeysetRow,
  type KeysetWindow,
} from '../../src/lists/keyset-page';
import { SqlParams } from '../../src/database/sql-params';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The list planner's keyset pages against a plain ORDER BY over the same rows: every page size,
// both directions, both orders, ties in every sort key, per parent and alone. Walking a list page
// by page with the cursors it hands out must give each row once, in the full sort's order.
type Row = { id: number; day: string; rank: number; parent: number };

describe('keyset pages', () => {
  let test: TestDatabase;
  let db: Database;
  let rows: Row[];
  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    await db.query(`CREATE TABLE keyset_probe (id int PRIMARY KEY, day timestamptz NOT NULL, rank int NOT NULL, parent int NOT NULL)`);
    // 61 rows: 5 days (one of them -infinity, as talks without a date sort), ranks 0 to 3, 3 parents: many ties.
    const days = ['-infinity', '2020-01-01 00:00:00+00', '2021-06-15 08:30:00+00', '2021-06-15 08:30:00.5+00', '2024-02-29 23:59:59+00'];
    await db.query(
      `INSERT INTO keyset_probe SELECT i, ($1::text[])[1 + (i * 7) % 5]::timestamptz, (i * 5) % 4, i % 3 FROM generate_series(1, 61) i`,
      [days],
    );
    rows = await db.query<Row>(`SELECT id, day::text AS day, rank, parent FROM keyset_probe`);
  });
  afterAll(() => test?.drop());

  const query = (descending: boolean, parents?: number[]): KeysetQuery => ({
    from: 'keyset_probe k',
    columns: 'k.id, k.parent',
    id: 'k.id',
    where: ['k.rank >= 0'],
    sort: [
      { sql: 'k.day', type: 'timestamptz' },
      { sql: 'k.rank', type: 'int' },
    ],
    descending,
    params: new SqlParams(),
    parents: parents ? { ids: parents, condition: (ref) => `k.parent = ${ref}` } : undefined,
  });

  /** The full order as a plain sort gives it: day, rank, id. */
  const sorted = (descending: boolean, parent?: number) => {
    const time = (day: string) => (day === '-infinity' ? -Infinity : Date.parse(day.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')));
    const list = rows.filter((r) => parent === undefined || r.parent === parent);
    list.sort((a, b) => time(a.day) - time(b.day) || a.rank - b.rank || a.id - b.id);
    return (descending ? list.reverse() : list).map((r) => r.id);
  };

  type Page = { rows: (KeysetRow & { id: number })[] };
  const page = async (q: KeysetQuery, window: KeysetWindow): Promise<Page['rows'][]> => {
    const sql = keysetPageSql(q, window);
    const result = await db.query<{ __rows: Page['rows'] | string }>(sql, q.params.values);
    return result.map((r) => (typeof r.__rows === 'string' ? JSON.parse(r.__rows) : r.__rows));
  };
  const positionOf = (row: KeysetRow): KeysetPosition => ({ keys: [row.__k0, row.__k1], id: row.__id });

  /** Walks the whole list forwards (`first`, `after`) or backwards (`last`, `before`), one page at a time. */
  async function walk(descending: boolean, size: number, backward: boolean): Promise<number[]> {
    const seen: number[] = [];
    let cursor: KeysetPosition | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const [found] = await page(query(descending), { limit: size, backward, ...(backward ? { before: cursor } : { after: cursor }) });
      const more = found.length > size;
      const shown = found.slice(0, size);
      // A backward page is read from the end: its rows come last-first.
      const inOrder = backward ? [...shown].reverse() : shown;
      if (backward) seen.unshift(...inOrder.map((r) => r.id));
      else seen.push(...inOrder.map((r) => r.id));
      if (!more) return seen;
      cursor = positionOf(backward ? inOrder[0] : inOrder[inOrder.length - 1]);
    }
    throw new Error('the walk did not end');
  }

  it.each([1, 2, 7, 60, 61, 100])('walk forwards and backwards with pages of %i in the full order, each row once', async (size) => {
    for (const descending of [true, false]) {
      expect(await walk(descending, size, false)).toEqual(sorted(descending));
      expect(await walk(descending, size, true)).toEqual(sorted(descending));
    }
  });

  it('read the window between two cursors, and one page per parent in one statement with the counts', async () => {
    const order = sorted(true);
    const byId = new Map((await page(query(true), { limit: 100, backward: false }))[0].map((r) => [r.id, r]));
    const after = positionOf(byId.get(order[10])!);
    const before = positionOf(byId.get(order[20])!);
    const [between] = await page(query(true), { limit: 100, backward: false, after, before });
    expect(between.map((r) => r.id)).toEqual(order.slice(11, 20));

    const q = query(true, [2, 0, 9]);
    const countQuery = query(true, [2, 0, 9]);
    const sql = keysetPageSql(q, { limit: 4, backward: false }, countQuery);
    const perParent = await db.query<{ __parent: number; __rows: Page['rows'] | string; count: number }>(sql, q.params.values);
    const pages = perParent.map((r) => ({
      parent: r.__parent,
      ids: (typeof r.__rows === 'string' ? JSON.parse(r.__rows) : r.__rows).map((x: { id: number }) => x.id),
      count: r.count,
    }));
    expect(pages).toEqual([
      { parent: 2, ids: sorted(true, 2).slice(0, 5), count: sorted(true, 2).length },
      { parent: 0, ids: sorted(true, 0).slice(0, 5), count: sorted(true, 0).length },
      { parent: 9, ids: [], count: 0 },
    ]);
  });

  it('count the list as the pages see it', async () => {
    const q = query(false);
    const [{ count }] = await db.query<{ count: number }>(keysetCountSql(q), q.params.values);
    expect(count).toBe(61);
  });

  it('refuse a page size that is not a positive whole number before any SQL is written', () => {
    for (const limit of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => keysetPageSql(query(true), { limit, backward: false })).toThrow(/page limit must be a positive whole number/);
    }
  });
});
