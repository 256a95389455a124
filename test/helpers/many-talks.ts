import type { Database } from '../../src/database/database';

/**
 * Adds `count` talks to the first event in one `INSERT … SELECT generate_series`, with no
 * speakers or projects: the quickest way to a large talk table, for tests that need the
 * database's size rather than its variety (the synthetic fill of `npm run seed:synthetic` writes
 * every link and rebuilds the tallies, minutes for 100,000 talks on a shared machine).
 */
export async function addTalks(db: Database, count: number): Promise<void> {
  await db.transaction(async (_manager, sql) => {
    await sql(`SET LOCAL statement_timeout = 0`);
    await sql(
      `INSERT INTO talk (event_id, title, title_key, kind, position, starts_at)
       SELECT e.id, 'Synthetic talk ' || g, 'synthetic talk ' || g, 'TALK', 1000 + g, e.starts_at + g * interval '1 second'
       FROM (SELECT id, starts_at FROM event ORDER BY id LIMIT 1) e, generate_series(1, $1::int) g`,
      [count],
    );
  });
}
