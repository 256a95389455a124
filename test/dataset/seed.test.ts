import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anniversaryFacts, seed } from '../../src/dataset/seed';
import { changedAnything } from '../../src/ingest/write-counts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.drop());

describe('seed', () => {
  it('loads the anniversary, and a second run changes nothing', async () => {
    const first = await seed(test.db, { anniversary: anniversaryFacts });
    expect(first.created).toMatchObject({ communities: 1, projects: 6, events: 1, talks: 6, speakers: 6 });
    const stamps = await test.db.query<{ max: Date }>(
      `SELECT max(updated_at) AS max FROM (SELECT updated_at FROM talk UNION ALL SELECT updated_at FROM speaker UNION ALL SELECT updated_at FROM event) x`,
    );
    const second = await seed(test.db, { anniversary: anniversaryFacts });
    expect(changedAnything(second)).toBe(false);
    expect(second.warnings).toEqual([]);
    const after = await test.db.query<{ max: Date }>(
      `SELECT max(updated_at) AS max FROM (SELECT updated_at FROM talk UNION ALL SELECT updated_at FROM speaker UNION ALL SELECT updated_at FROM event) x`,
    );
    expect(after[0].max).toEqual(stamps[0].max);
  });

  it('updates in place what changed, and only that', async () => {
    const changed = structuredClone(anniversaryFacts);
    changed.events![0].talks![0].videoUrl = 'https://example.org/replay.mp4';
    const counts = await seed(test.db, { anniversary: changed });
    expect(counts.updated.talks).toBe(1);
    expect(counts.created.talks).toBe(0);
    const [{ n }] = await test.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM talk`);
    expect(n).toBe(6);
  });

  it('withdraws a talk the source no longer lists, and keeps it', async () => {
    const fewer = structuredClone(anniversaryFacts);
    fewer.events![0].talks = fewer.events![0].talks!.slice(0, 5);
    const counts = await seed(test.db, { anniversary: fewer });
    expect(counts.withdrawn).toBe(1);
    expect(changedAnything(counts)).toBe(true);
    const [{ kept, withdrawn }] = await test.db.query<{ kept: number; withdrawn: number }>(
      `SELECT count(*) FILTER (WHERE withdrawn_at IS NULL)::int AS kept, count(*) FILTER (WHERE withdrawn_at IS NOT NULL)::int AS withdrawn FROM talk`,
    );
    expect({ kept, withdrawn }).toEqual({ kept: 5, withdrawn: 1 });
  });
});
