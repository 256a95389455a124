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
    // The talk tables' payloads name keys after the table (see the ChangedKeys migration).
    expect(tables.map((payload) => payload.split('|')[0]).sort()).toEqual(['event', 'talk']);
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

/** A talk with links to two projects at least one of which it can leave, and a project it is not linked to. */
async function linkedTalk() {
  const [row] = await test.db.query<{ talk: number; event: number; from: number; to: number }>(`
    SELECT tp.talk_id AS talk, t.event_id AS event, tp.project_id AS "from",
      (SELECT min(p.id) FROM project p WHERE NOT EXISTS (SELECT 1 FROM talk_project x WHERE x.talk_id = tp.talk_id AND x.project_id = p.id)) AS "to"
    FROM talk_project tp JOIN talk t ON t.id = tp.talk_id ORDER BY tp.talk_id LIMIT 1`);
  return row;
}

/** Inserts `n` talks of the first event in one statement, numbered from `from`. */
const insertTalks = (sql: (text: string) => Promise<unknown>, n: number, from = 1) =>
  sql(
    `INSERT INTO talk (event_id, title, title_key) SELECT (SELECT min(id) FROM event), 'bulk ' || g, 'bulk ' || g FROM generate_series(${from}, ${from + n - 1}) g`,
  );

/**
 * Deletes the talks `insertTalks` made, without their triggers: they have no links or cards, and
 * talk_drops_links's statements per row would take longer than the test.
 */
const dropBulkTalks = () =>
  test.db.transaction(async (_manager, sql) => {
    await sql(`SET LOCAL session_replication_role = replica`);
    await sql(`DELETE FROM talk WHERE title LIKE 'bulk %'`);
  });

describe('the ChangedKeys migration', () => {
  it("names the keys of a talk's project link moved from one project to another: the talk, both projects, its event and speakers", async () => {
    const { talk, event, from, to } = await linkedTalk();
    const heard = await heardFrom(() =>
      test.db.query(`UPDATE talk_project SET project_id = $3 WHERE talk_id = $1 AND project_id = $2`, [talk, from, to]),
    );
    // The card the triggers rewrite names its keys first (they are the same): the link's payload names what the card's did not.
    const keys = heard.flatMap((payload) => payload.split('|')[1]?.split(' ') ?? []);
    expect(heard.map((payload) => payload.split('|')[0]).filter((table) => table.startsWith('talk_'))).toEqual([
      'talk_card',
      'talk_project',
    ]);
    expect(keys).toEqual(expect.arrayContaining([`talk:${talk}`, `project:${from}`, `project:${to}`, `event:${event}`]));
    await test.db.query(`UPDATE talk_project SET project_id = $2 WHERE talk_id = $1 AND project_id = $3`, [talk, from, to]);
  });

  it('names each key once per transaction, and the table alone for a statement whose keys were all named', async () => {
    const { talk } = await linkedTalk();
    const heard = await heardFrom(() =>
      test.db.transaction(async (_manager, sql) => {
        await sql(`UPDATE talk SET title = title WHERE id = $1`, [talk]);
        await sql(`UPDATE talk SET title = title WHERE id = $1`, [talk]);
        await sql(`UPDATE talk_card SET credits = credits WHERE talk_id = $1`, [talk]);
      }),
    );
    expect(heard).toHaveLength(2);
    expect(heard[0]).toMatch(new RegExp(`^talk\\|.*\\btalk:${talk}\\b`));
    expect(heard[1]).toBe('talk_card|');
  });

  it('names only the table, in a short payload, for a statement that touches 10,000 talks', async () => {
    const started = Date.now();
    const heard = await heardFrom(() => test.db.transaction(async (_manager, sql) => insertTalks(sql, 10_000)));
    expect(heard).toContain('talk');
    expect(heard.every((payload) => Buffer.byteLength(payload) < 8000)).toBe(true);
    expect(heard.filter((payload) => payload.startsWith('talk|'))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
    await dropBulkTalks();
  });

  it('names at most 256 keys in a transaction of many small writes, then only the table', async () => {
    const heard = await heardFrom(() =>
      test.db.transaction(async (_manager, sql) => {
        for (let i = 1; i <= 300; i++) await insertTalks(sql, 1, i);
      }),
    );
    const keyed = heard.filter((payload) => payload.startsWith('talk|'));
    const keys = keyed.flatMap((payload) => payload.slice('talk|'.length).split(' '));
    expect(keys.length).toBeLessThanOrEqual(256);
    expect(new Set(keys).size).toBe(keys.length);
    expect(heard).toContain('talk');
    // Repeats of the bare name collapse into one notification.
    expect(heard.length).toBeLessThanOrEqual(keyed.length + 2);
    await dropBulkTalks();
  });
});

describe('Database.onCommit', () => {
  it('is called with the keys the talk tables named, or null past the bound', async () => {
    const { talk, from } = await linkedTalk();
    const calls: (readonly string[] | null)[] = [];
    const off = test.db.onCommit(({ keys }) => calls.push(keys));
    try {
      await test.db.transaction(async (_manager, sql) => sql(`UPDATE talk SET title = title WHERE id = $1`, [talk]));
      await test.db.transaction(async (_manager, sql) => insertTalks(sql, 300));
      expect(calls[0]).toEqual(expect.arrayContaining([`talk:${talk}`, `project:${from}`]));
      expect(calls[1]).toBeNull();
    } finally {
      off();
      await dropBulkTalks();
    }
  });

  it('is called with the tables written after a transaction commits, before the caller goes on, and not after a rollback', async () => {
    const calls: string[] = [];
    const off = test.db.onCommit(({ tables }) => calls.push(`commit ${[...tables].sort().join(',')}`));
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
