import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database';
import { ReadRoute } from '../../src/database/replicas/read-route';
import { createContext } from '../../src/api/request-context';

/** A database that answers every statement with no rows and counts them. */
function emptyDatabase() {
  const calls: string[] = [];
  const query = async (text: string) => (calls.push(text), []);
  // No replicas: every statement goes to `query`, as on a database without DATABASE_READ_URL.
  const db = { query, readRoute: () => new ReadRoute(query as never, null, []) } as unknown as Database;
  return { db, calls };
}

/** What Apollo Server does with the value the context function returns, before every operation. */
const apolloCopy = <T extends object>(context: T): T => Object.assign(Object.create(Object.getPrototypeOf(context)), context);

describe('request context', () => {
  it("makes no loaders when Apollo copies it, only when a resolver asks, and the copy's are the original's", () => {
    const { db } = emptyDatabase();
    const context = createContext(db, 'r1');
    const copy = apolloCopy(context);
    // An object literal's getter was read by the copy and made all loaders on every request.
    expect(Object.getOwnPropertyNames(copy)).not.toContain('loaders');
    expect(copy.requestId).toBe('r1');
    const loaders = copy.loaders;
    expect(loaders.talkById).toBeDefined();
    expect(copy.loaders).toBe(loaders);
    expect(context.loaders).toBe(loaders);
  });

  it("counts the copy's statements on the original, which the statement-count plugin reads", async () => {
    const { db, calls } = emptyDatabase();
    const context = createContext(db);
    const copy = apolloCopy(context);
    await copy.sql('SELECT 1');
    await copy.loaders.talkById.load(7);
    expect(calls).toHaveLength(2);
    expect(context.statements.count).toBe(2);
  });

  it('release drops the loaders and pages the copy made: a later read asks the database again', async () => {
    const { db, calls } = emptyDatabase();
    const context = createContext(db);
    const copy = apolloCopy(context);
    const before = copy.loaders;
    await copy.loaders.talkById.load(7);
    await copy.loaders.talkById.load(7);
    expect(calls).toHaveLength(1);
    context.release();
    expect(copy.loaders).not.toBe(before);
    await copy.loaders.talkById.load(7);
    expect(calls).toHaveLength(2);
  });
});
