import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSynthetic } from '../../bench/synthetic/generate';
import { cardDrift, tallyDrift } from '../helpers/kept-on-write';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// The synthetic dataset (`npm run seed:synthetic`, the benchmark) writes its links with the
// triggers that keep the tallies and talk cards turned off, then rebuilds both once: what it
// leaves must be what the triggers would have kept, and the triggers must be back on.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(() => database?.drop());

describe(`a synthetic fill (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('leaves every tally and talk card as the source tables say, with the triggers that keep them on', async () => {
    const sql = database.db.query;
    const counts = await database.db.transaction((_manager, tx) =>
      writeSynthetic(tx, { events: 60, talksPerEvent: 8, speakers: 150, projects: 12, seed: 7 }),
    );
    expect(counts.talkProjects).toBeGreaterThan(300);
    const [{ tallies, cards }] = await sql<{ tallies: number; cards: number }>(
      `SELECT (SELECT count(*)::int FROM coverage_tally) AS tallies, (SELECT count(*)::int FROM talk_card) AS cards`,
    );
    expect(tallies).toBeGreaterThan(0);
    expect(cards).toBe(counts.talks);
    expect(await tallyDrift(sql)).toEqual({});
    expect(await cardDrift(sql)).toBe(0);

    // Written one statement at a time afterwards, links are kept by the triggers again.
    const [talk] = await sql<{ id: number }>(`SELECT id FROM talk ORDER BY id LIMIT 1`);
    await sql(`DELETE FROM talk_project WHERE talk_id = $1`, [talk.id]);
    await sql(`INSERT INTO talk_speaker (talk_id, speaker_id, position) SELECT $1, max(id), 9 FROM speaker ON CONFLICT DO NOTHING`, [
      talk.id,
    ]);
    expect(await tallyDrift(sql)).toEqual({});
    expect(await cardDrift(sql)).toBe(0);
    const disabled = await sql(`SELECT tgname FROM pg_trigger WHERE tgenabled = 'D'`);
    expect(disabled).toEqual([]);
  });
});
