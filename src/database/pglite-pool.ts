import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

type Release = (error?: unknown) => void;

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
  private queue: (() => void)[] = [];
  private leased = false;
  private readonly client: PGliteClient;

  constructor(private readonly db: PGlite) {
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

  /** Leases the connection, node-postgres style: `connect((err, client, release) => …)`. */
  connect(callback?: (error: Error | null, client: PGliteClient, release: Release) => void): Promise<PGliteClient & { release: Release }> {
    return this.acquire().then((release) => {
      callback?.(null, this.client, release);
      return Object.assign(Object.create(this.client) as PGliteClient, { release });
    });
  }

  /** Runs one statement with the lease held for just that statement. */
  query(text: string, params?: unknown[]) {
    return this.withLease(() => this.client.query(text, params));
  }

  /**
   * LISTENs on `channel` with the lease held, so the LISTEN never lands inside another user's
   * transaction (where a rollback would undo it); returns how to stop listening.
   */
  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.withLease(() => this.db.listen(channel, callback));
    return () => this.withLease(() => unlisten());
  }

  /** Closes the database once every lease is back. */
  end(callback?: (error: Error | null) => void): Promise<void> {
    const done = this.acquire().then(() => this.db.close());
    return done.then(
      () => callback?.(null),
      (error: Error) => {
        if (callback) callback(error);
        else throw error;
      },
    );
  }

  private async withLease<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private acquire(): Promise<Release> {
    return new Promise((resolve) => {
      const grant = () => {
        this.leased = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          const next = this.queue.shift();
          if (next) next();
          else this.leased = false;
        });
      };
      if (this.leased) this.queue.push(grant);
      else grant();
    });
  }
}
