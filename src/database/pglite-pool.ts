import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';
import { StatementRefused } from './statement-refused';

type Release = (error?: unknown) => void;

/** What a request's statement waits for the connection with. */
export interface StatementLimits {
  /** Aborted once the request was answered without it (its deadline passed): it is dropped from the queue. */
  signal?: AbortSignal;
  /** When the request is answered with a timeout, in `Date.now()` milliseconds. */
  deadline?: number;
}

/** A waiting user of the connection. */
interface Waiter {
  grant(): void;
  refuse(error: Error): void;
}

/** A node-postgres-shaped client over the one PGlite connection (an emitter, as TypeORM listens for `error`). */
interface PGliteClient extends EventEmitter {
  query(text: string, params?: unknown[]): Promise<Results<Record<string, unknown>> & { rowCount: number }>;
}

/**
 * A node-postgres `Pool` look-alike over one embedded PGlite database, handed to TypeORM's
 * postgres driver. PGlite is a single connection, so the pool leases it to one user at a time:
 * a TypeORM transaction holds the lease from BEGIN to COMMIT and no other request's statement
 * can land inside it. (typeorm-pglite shares one global instance and lets statements interleave
 * with an open transaction, which is why this exists.)
 */
export class PGlitePool extends EventEmitter {
  private queue: Waiter[] = [];
  private leased = false;
  private ending = false;
  private readonly client: PGliteClient;
  /** Moving average of how long a lease is held, in ms: what each waiter ahead costs. */
  private leaseMs = 1;

  /**
   * PGlite has no `statement_timeout` (WebAssembly on the event loop's thread: nothing can
   * interrupt a statement, and nothing else runs while one does), so the time a statement may
   * cost is bounded before it starts: at most `maxQueue` waiting statements of requests, and none
   * that would start after its request's deadline.
   */
  constructor(
    private readonly db: PGlite,
    private readonly maxQueue = 256,
  ) {
    super();
    this.client = Object.assign(new EventEmitter(), {
      query: async (text: string, params?: unknown[]) => {
        const result =
          params && params.length > 0
            ? await db.query<Record<string, unknown>>(text, params)
            : // TypeORM sends multi-statement strings without parameters; exec runs them all.
              ((await db.exec(text)).at(-1) ?? { rows: [], fields: [], affectedRows: 0 });
        return Object.assign(result, { rowCount: (result as { rowCount?: number }).rowCount ?? result.affectedRows ?? 0 });
      },
    });
  }

  /**
   * Leases the connection, node-postgres style: `connect((err, client, release) => …)`, or a
   * promise without a callback. A refused lease (the server stops) reaches the callback as its
   * error, as node-postgres reports a failed connection: TypeORM waits for the callback.
   */
  connect(): Promise<PGliteClient & { release: Release }>;
  connect(callback: (error: Error | null, client: PGliteClient, release: Release) => void): void;
  connect(
    callback?: (error: Error | null, client: PGliteClient, release: Release) => void,
  ): Promise<PGliteClient & { release: Release }> | void {
    const leased = this.acquire().then((release) => Object.assign(Object.create(this.client) as PGliteClient, { release }));
    if (!callback) return leased;
    leased.then(
      (client) => callback(null, this.client, client.release),
      (error: Error) => callback(error, this.client, () => {}),
    );
  }

  /** Runs one statement with the lease held for just that statement; a request's statement passes its limits. */
  query(text: string, params?: unknown[], limits?: StatementLimits) {
    return this.withLease(() => this.client.query(text, params), limits);
  }

  /** The whole data directory as a tarball (uncompressed), taken between statements: a snapshot to start another database from. */
  dumpDataDir(): Promise<Blob> {
    return this.withLease(() => this.db.dumpDataDir('none'));
  }

  /** Statements waiting for the connection. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Refuses every statement and lease waiting for the connection, and any asked for later, with
   * SERVICE_UNAVAILABLE: the statement or transaction in progress is the last. For a stop that
   * must not wait for the whole queue.
   */
  refuseWaiting(): void {
    this.ending = true;
    for (const waiter of this.queue.splice(0)) waiter.refuse(StatementRefused.stopping());
  }

  /**
   * LISTENs on `channel` with the lease held, so the LISTEN never lands inside another user's
   * transaction (where a rollback would undo it); returns how to stop listening.
   */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.withLease(() => this.db.listen(channel, callback));
    return () => this.withLease(() => unlisten());
  }

  /**
   * Closes the database once the lease in use is back; statements still waiting are refused
   * (SERVICE_UNAVAILABLE), so a stop waits for one statement, not for the whole queue.
   */
  end(callback?: (error: Error | null) => void): Promise<void> {
    this.refuseWaiting();
    const done = this.acquire(undefined, true).then(() => this.db.close());
    return done.then(
      () => callback?.(null),
      (error: Error) => {
        if (callback) callback(error);
        else throw error;
      },
    );
  }

  private async withLease<T>(work: () => Promise<T>, limits?: StatementLimits): Promise<T> {
    const release = await this.acquire(limits);
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.leaseMs = 0.8 * this.leaseMs + 0.2 * (performance.now() - started);
      release();
    }
  }

  /** The lease, once it is this caller's turn; refused once the pool stops, but for `closing`, the pool's own last lease. */
  private acquire(limits?: StatementLimits, closing = false): Promise<Release> {
    return new Promise((resolve, reject) => {
      if (this.ending && !closing) return reject(StatementRefused.stopping());
      if (limits) {
        const refusal = this.refusal(limits);
        if (refusal) return reject(refusal);
      }
      const grant = () => {
        this.leased = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          // The next lease is granted on the next turn of the event loop, not in this microtask:
          // a queue of statements run back to back would otherwise keep every socket (a
          // /healthz, a new request) waiting until it is empty.
          setImmediate(() => {
            const next = this.queue.shift();
            if (next) next.grant();
            else this.leased = false;
          });
        });
      };
      if (!this.leased) return grant();
      const signal = limits?.signal;
      const abandon = () => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return;
        this.queue.splice(at, 1);
        reject(StatementRefused.abandoned());
      };
      // A request's statements share its signal: each takes its listener off once it leaves the queue.
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', abandon);
          grant();
        },
        refuse: (error) => {
          signal?.removeEventListener('abort', abandon);
          reject(error);
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', abandon, { once: true });
    });
  }

  /** Why a request's statement is not queued, if it is not: the server stops, the queue is full, or the wait would outlast the deadline. */
  private refusal({ signal, deadline }: StatementLimits): StatementRefused | null {
    if (signal?.aborted) return StatementRefused.abandoned();
    if (this.queue.length >= this.maxQueue) {
      return new StatementRefused(
        'DATABASE_BUSY',
        `The database has ${this.queue.length} statements waiting, the most it queues; try again shortly.`,
      );
    }
    const wait = (this.queue.length + (this.leased ? 1 : 0)) * this.leaseMs;
    if (deadline !== undefined && Date.now() + wait > deadline) {
      return new StatementRefused(
        'DATABASE_BUSY',
        `The database is busy: this statement would start in about ${Math.round(wait)} ms, after the request's deadline; try again shortly.`,
      );
    }
    return null;
  }
}
