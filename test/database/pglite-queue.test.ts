import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Database } from '../../src/database/database';
import { anniversaryFacts, seed } from '../../src/dataset/seed';
import { startTestApp, type TestServer } from '../helpers/test-server';

// The embedded database is one connection that runs each statement on the event loop's thread:
// nothing interrupts a statement once it runs, so what a request may cost is bounded before its
// statements start. These tests hold the connection with a transaction that waits on a gate, so
// that statements queue behind it for as long as a test wants.

const QUEUE_MAX = 3;
let db: Database;
let server: TestServer;
/** What reached PGlite itself (each statement, by its text). */
const engineStatements: string[] = [];

beforeAll(async () => {
  db = await Database.connect({ kind: 'pglite', dataDir: 'memory://', maxQueue: QUEUE_MAX });
  await db.migrate();
  await seed(db, { 'sofa-6th-anniversary': anniversaryFacts });
  server = await startTestApp(db, 'pglite', null, { REQUEST_TIMEOUT_MS: '400' });
  const engine = Object.getPrototypeOf(PGlite.prototype) as { query(text: string): unknown; exec(text: string): unknown };
  for (const method of ['query', 'exec'] as const) {
    const original = engine[method];
    vi.spyOn(engine, method).mockImplementation(function (this: unknown, text: string, ...rest: unknown[]) {
      engineStatements.push(text);
      return (original as (...args: unknown[]) => unknown).call(this, text, ...rest);
    } as never);
  }
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await db?.close();
});
afterEach(() => {
  engineStatements.length = 0;
});

/** Holds the connection in a transaction until the returned function is called. */
async function holdConnection(): Promise<() => Promise<void>> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const transaction = db.transaction(async (_manager, sql) => {
    await sql('SELECT 1');
    held();
    await gate;
  });
  await holding;
  return async () => {
    open();
    await transaction;
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const speakers = `{ speakers(first: 3) { nodes { name } } }`;

describe('PGlite and statement_timeout', () => {
  it('accepts the setting but does not cancel a statement that outruns it (hence the bounds below)', async () => {
    await db.query(`SET statement_timeout = 50`);
    try {
      expect((await db.query<{ statement_timeout: string }>(`SHOW statement_timeout`))[0].statement_timeout).toBe('50ms');
      const started = performance.now();
      await expect(db.query(`SELECT pg_sleep(0.3)`)).resolves.toHaveLength(1);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await db.query(`RESET statement_timeout`);
    }
  });
});

describe(`the queue of PGlite's one connection (PGLITE_QUEUE_MAX ${QUEUE_MAX})`, () => {
  it('answers a request past the bound at once with DATABASE_BUSY, while the connection is held, and runs the queued ones after', async () => {
    const release = await holdConnection();
    const queued = Array.from({ length: QUEUE_MAX }, () => server.post(speakers));
    await waitFor(() => db.waitingStatements === QUEUE_MAX, `${QUEUE_MAX} statements waiting`);
    const refused = await server.post(speakers);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: `The database has ${QUEUE_MAX} statements waiting, the most it queues; try again shortly.`,
        extensions: expect.objectContaining({ code: 'DATABASE_BUSY' }),
      }),
    ]);
    expect(refused.body.data).toBeNull();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(db.waitingStatements).toBe(QUEUE_MAX);
    await release();
    for (const answer of await Promise.all(queued)) expect(answer.body.data.speakers.nodes).toHaveLength(3);
  });

  it('drops the statements of a request answered with a timeout from the queue: they never reach the database', async () => {
    const release = await holdConnection();
    const answer = server.post(speakers);
    await waitFor(() => db.waitingStatements === 1, 'the statement waiting');
    const { status, body } = await answer;
    expect(status).toBe(503);
    expect(body.errors?.[0]).toMatchObject({
      message: 'The request took longer than 400 ms and was abandoned; try again.',
      extensions: { code: 'TIMEOUT' },
    });
    expect(db.waitingStatements).toBe(0);
    await release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engineStatements.filter((text) => /\bspeaker\b/.test(text))).toEqual([]);
    // The same request, answered: its statement does reach the database (what the test looks for is there to see).
    expect((await server.post(speakers)).body.data.speakers.nodes).toHaveLength(3);
    expect(engineStatements.filter((text) => /\bspeaker\b/.test(text)).length).toBeGreaterThan(0);
  });

  it("refuses at once a statement that would start after its request's deadline, judged by how long leases have lasted", async () => {
    // Leases of about 300 ms from now on (a moving average of the last few): with the held lease
    // and one statement ahead, a new one would start in about 600 ms, past the 400 ms deadline.
    for (let i = 0; i < 6; i++) await db.query(`SELECT pg_sleep(0.4)`);
    const release = await holdConnection();
    const ahead = server.post(speakers);
    await waitFor(() => db.waitingStatements === 1, 'the statement ahead waiting');
    const answer = await server.post(speakers);
    expect(answer.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^The database is busy: this statement would start in about \d+ ms, after the request's deadline; try again shortly\.$/,
      ),
      extensions: { code: 'DATABASE_BUSY' },
    });
    expect(answer.status).toBe(503);
    expect(db.waitingStatements).toBe(1);
    await release();
    await ahead;
  });
});
