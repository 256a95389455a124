import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listener } from '../../src/database/notification-listener';
import { anniversaryFacts, seed } from '../../src/dataset/seed';
import { CHANGES_CHANNEL } from '../../src/graphql/response-cache/change-invalidation';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let test: TestDatabase;
let listener: Listener;
const heard: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  await seed(test.db, { anniversary: anniversaryFacts });
  listener = await test.db.listen(CHANGES_CHANNEL, { notified: (table) => heard.push(table), listening: () => {}, error: () => {} });
});
afterAll(async () => {
  await listener?.stop();
  await test?.drop();
});

/** Runs `write` in a transaction, then a marker write, and returns the tables heard up to the marker. */
async function heardFrom(write: () => Promise<unknown>): Promise<string[]> {
  heard.length = 0;
  await write().catch(() => {});
  // Notifications arrive in commit order: once the marker's is heard, the write's would have been.
  await test.db.query(`UPDATE community SET name = name WHERE false`);
  await expect.poll(() => heard.includes('community'), { timeout: 5000, interval: 10 }).toBe(true);
  return heard.slice(0, heard.indexOf('community'));
}

describe('the ChangeNotifications migration', () => {
  it('has every table but migrations and api_key notify its changes', async () => {
    const silent = await test.db.query<{ table: string }>(`
      SELECT c.relname AS table FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname NOT IN ('migrations', 'api_key')
        AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = c.relname || '_notify_change')`);
    expect(silent).toEqual([]);
  });

  it('notifies once per table and transaction, on commit', async () => {
    const tables = await heardFrom(() =>
      test.db.transaction(async (_manager, sql) => {
        await sql(`UPDATE event SET title = title`);
        await sql(`UPDATE event SET city = city`);
        await sql(`UPDATE talk SET title = title`);
      }),
    );
    expect(tables.sort()).toEqual(['event', 'talk']);
  });

  it('says nothing of a transaction that rolls back', async () => {
    const tables = await heardFrom(() =>
      test.db.transaction(async (_manager, sql) => {
        await sql(`UPDATE project SET name = name`);
        throw new Error('changed my mind');
      }),
    );
    expect(tables).toEqual([]);
  });
});

describe('Database.onCommit', () => {
  it('is called with the tables written after a transaction commits, before the caller goes on, and not after a rollback', async () => {
    const calls: string[] = [];
    const off = test.db.onCommit((tables) => calls.push(`commit ${[...tables].sort().join(',')}`));
    try {
      await test.db.transaction(async (_manager, sql) => {
        await sql(`UPDATE event SET title = title WHERE false`);
        await sql(`UPDATE talk SET title = title WHERE false`);
        await sql(`UPDATE event SET city = city WHERE false`);
      });
      calls.push('after');
      await test.db
        .transaction(async (_manager, sql) => {
          await sql(`UPDATE project SET name = name WHERE false`);
          throw new Error('rolled back');
        })
        .catch(() => {});
      expect(calls).toEqual(['commit event,talk', 'after']);
    } finally {
      off();
    }
  });

  it('is not called for a transaction that wrote nothing', async () => {
    const calls: string[] = [];
    const off = test.db.onCommit(() => calls.push('commit'));
    try {
      await test.db.transaction(async (_manager, sql) => sql(`SELECT 1`));
      // The setting the triggers leave behind is the transaction's own: the next one starts empty.
      await test.db.transaction(async (_manager, sql) => sql(`SELECT count(*) FROM talk`));
      expect(calls).toEqual([]);
    } finally {
      off();
    }
  });
});
