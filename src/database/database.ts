import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { DataSource, EntityManager } from 'typeorm';
import type { Pool } from 'pg';
import { migrations } from '../../migrations';
import { DataDirLock } from './data-dir-lock';
import { type Listener, type NotificationHandlers, PostgresListener } from './notification-listener';
import { PGlitePool, type StatementLimits } from './pglite-pool';
import { ReadRoute } from './replicas/read-route';
import { ReadRouter } from './replicas/read-router';
import { StatementRefused } from './statement-refused';
import { StatementNames } from './statement-names';

/** How one statement is run: its limits, and for a request's reads, the keys it read (see `keys`). */
export interface ReadOptions<T> extends StatementLimits {
  /**
   * The keys the statement's rows of the keyed tables are all about, given its rows (see
   * `response-cache/keyed-tables.ts`): the response cache's tags instead of those tables.
   * Runners that keep no tags ignore it.
   */
  keys?: (rows: readonly T[]) => readonly string[];
}

/** Runs one parameterized SQL statement and returns its rows. */
export type SqlRunner = <T = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: ReadOptions<T>) => Promise<T[]>;

/** What one committed transaction wrote: its tables, and the keys the talk tables' rows named (null: more than were kept). */
export interface CommittedChange {
  tables: readonly string[];
  keys: readonly string[] | null;
}

/** Streaming replicas of a PostgreSQL primary that serve reads, and how they are judged (see Config). */
export interface ReplicaTargets {
  urls: readonly string[];
  maxLagMs: number;
  checkMs: number;
  retryMs: number;
  /** Where a replica's failures and returns are said, once each. */
  log: (message: string, error?: unknown) => void;
}

/** Where the database lives. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number; statementTimeoutMs?: number; replicas?: ReplicaTargets }
  /** `lock`: the folder's lock when the caller took it already (start-up, before copying a template in). */
  /** `snapshot`: a data directory dumped by PGlite's `dumpDataDir`, to start an in-memory database from instead of initdb. */
  | { kind: 'pglite'; dataDir: string; lock?: DataDirLock | null; maxQueue?: number; snapshot?: Blob };

/**
 * The one handle on the database: a TypeORM DataSource for migrations and transactional writes,
 * and a lean `query` for reads that skips entity hydration and query-runner bookkeeping.
 */
export class Database {
  readonly kind: DatabaseTarget['kind'];
  /** Null without replicas: every read goes to the primary. */
  private readRouter: ReadRouter | null = null;

  private constructor(
    readonly dataSource: DataSource,
    private readonly target: DatabaseTarget,
    private readonly pool: Pool | PGlitePool,
    private readonly lock: DataDirLock | null = null,
  ) {
    this.kind = target.kind;
  }

  /**
   * Connects (creating the embedded database when needed); does not migrate. An embedded
   * database on disk is locked for this process until `close` (see DataDirLock): a second
   * process on the same folder gets DataDirLockedError.
   */
  static async connect(target: DatabaseTarget): Promise<Database> {
    const lock = target.kind === 'pglite' ? (target.lock ?? lockDataDir(target.dataDir)) : null;
    try {
      return await Database.open(target, lock);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  private static async open(target: DatabaseTarget, lock: DataDirLock | null): Promise<Database> {
    let dataSource: DataSource;
    if (target.kind === 'pglite') {
      // The contrib modules publish ESM typings only; a dynamic import keeps this file CommonJS.
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      if (target.dataDir !== 'memory://') mkdirSync(target.dataDir, { recursive: true });
      const pglite = await PGlite.create({
        dataDir: target.dataDir === 'memory://' ? undefined : target.dataDir,
        loadDataDir: target.snapshot,
        extensions: { pg_trgm },
      });
      const pool = new PGlitePool(pglite, target.maxQueue);
      dataSource = new DataSource({
        type: 'postgres',
        // TypeORM constructs `new driver.Pool(options)`; a constructor may return another object.
        driver: {
          Pool: function PoolFactory() {
            return pool;
          },
        },
        // Rows are read with SQL and mapped by the entities' own decorators (lists/select-columns);
        // TypeORM runs the migrations and holds the pool, so the data layer lists no entity.
        entities: [],
        migrations,
        migrationsRun: false,
        synchronize: false,
        installExtensions: false,
      });
    } else {
      dataSource = new DataSource({
        type: 'postgres',
        url: target.url,
        entities: [],
        migrations,
        synchronize: false,
        installExtensions: false,
        poolSize: target.poolSize ?? 10,
        applicationName: 'eventgraph',
        extra: {
          // Every statement has a deadline; a runaway query cannot hold a connection forever.
          options: `-c statement_timeout=${target.statementTimeoutMs ?? 5000}`,
          connectionTimeoutMillis: 5000,
          // A new connection prepares every statement again (up to a few ms each): keep idle
          // ones for a minute, not node-postgres's 10 s, so a pause in traffic costs nothing.
          idleTimeoutMillis: 60_000,
        },
      });
    }
    await dataSource.initialize();
    const pool = (dataSource.driver as unknown as { master: Pool | PGlitePool }).master;
    const db = new Database(dataSource, target, pool, lock);
    if (target.kind === 'postgres' && target.replicas?.urls.length) {
      // A replica that cannot be reached now does not stop the start: it is left out and retried.
      const options = { ...target.replicas, poolSize: target.poolSize ?? 10, statementTimeoutMs: target.statementTimeoutMs ?? 5000 };
      db.readRouter = await ReadRouter.start(target.replicas.urls, options, (text) => db.query(text));
    }
    return db;
  }

  /**
   * Where the statements of one request for `callers` go (see ReadRoute): the primary until the
   * route is allowed replicas; with no replicas configured, always the primary.
   */
  readRoute(callers: readonly string[]): ReadRoute {
    return new ReadRoute(this.query, this.readRouter, callers);
  }

  /**
   * Runs a statement outside any transaction. On PostgreSQL the statement is prepared once per
   * connection and reused by name, so the server parses and plans the read paths' statements
   * once instead of on every request. A request's statement passes its `limits`: none is sent
   * once the request was answered with a timeout, and on PGlite none waits past its deadline.
   */
  query = async <T = Record<string, unknown>>(text: string, params?: readonly unknown[], limits?: StatementLimits): Promise<T[]> => {
    if (limits?.signal?.aborted) throw StatementRefused.abandoned();
    const result =
      this.kind === 'postgres'
        ? await (this.pool as Pool).query({ name: this.statementNames.nameOf(text), text, values: params as unknown[] })
        : await (this.pool as PGlitePool).query(text, params as unknown[], limits);
    return result.rows as T[];
  };

  private readonly statementNames = new StatementNames();

  /**
   * Runs `work` in one transaction: all of it lands or none. A transaction PostgreSQL rolled
   * back to break a deadlock (one that locked a talk and then waits for its turn to write links,
   * against one that wrote links and then waits for that talk, say) is run again, from the
   * start, up to twice more; `work` must only write through the transaction.
   */
  async transaction<T>(work: (manager: EntityManager, sql: SqlRunner) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.dataSource.transaction(async (manager) => {
          // Structured results, so UPDATE … RETURNING yields rows like every other statement.
          const sql: SqlRunner = async (text, params) => (await manager.queryRunner!.query(text, params as unknown[], true)).records;
          const result = await work(manager, sql);
          // The triggers' note of what changed; set once a table was written (see notify_change).
          const [{ changed, keys }] = await sql<{ changed: string | null; keys: string | null }>(
            `SELECT current_setting('eventgraph.changed_tables', true) AS changed, current_setting('eventgraph.changed_keys', true) AS keys`,
          );
          const change: CommittedChange = {
            tables: changed ? changed.split(' ') : [],
            keys: keys === '*' ? null : keys ? keys.split(' ') : [],
          };
          return { result, change };
        });
        if (result.change.tables.length > 0) for (const listener of this.commitListeners) listener(result.change);
        return result.result;
      } catch (error) {
        if (attempt >= 3 || !rolledBackToRetry(error)) throw error;
        // A little apart, so the two transactions do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  private readonly commitListeners = new Set<(change: CommittedChange) => void>();

  /**
   * Calls `listener` with the tables written (and keys named) right after each transaction of
   * this handle that wrote one commits, before its caller goes on (a NOTIFY from the same commit
   * may arrive later); returns how to stop.
   */
  onCommit(listener: (change: CommittedChange) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /**
   * Listens for NOTIFY on `channel`: on PostgreSQL on a connection of its own, reconnected when
   * lost; on PGlite through its one connection, which cannot be lost. Resolves once the first
   * attempt to listen is over. On PostgreSQL the connection must answer a heartbeat every
   * `heartbeatMs` within as long, or it is taken for lost.
   */
  async listen(channel: string, handlers: NotificationHandlers, heartbeatMs?: number): Promise<Listener> {
    if (this.target.kind === 'postgres') {
      const listener = new PostgresListener(this.target.url, channel, handlers, heartbeatMs);
      await listener.start();
      return listener;
    }
    const unlisten = await (this.pool as PGlitePool).listen(channel, handlers.notified);
    handlers.listening(true);
    return {
      async stop() {
        await unlisten().catch(() => {});
      },
    };
  }

  /** An embedded database's data directory as a tarball, for `DatabaseTarget.snapshot`; PGlite only. */
  async snapshot(): Promise<Blob> {
    if (!(this.pool instanceof PGlitePool)) throw new Error('Only an embedded database (PGlite) can be snapshotted.');
    return this.pool.dumpDataDir();
  }

  /** Applies pending migrations; returns their names. */
  async migrate(): Promise<string[]> {
    // TypeORM finds its table through information_schema, the dearest statement of a PGlite
    // start-up (a cold planner in WebAssembly); most starts have nothing to apply, which two cheap reads tell.
    if (await this.everyMigrationRecorded()) return [];
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }

  /** Whether TypeORM's `migrations` table lists every migration of this build. */
  private async everyMigrationRecorded(): Promise<boolean> {
    const [{ present }] = await this.query<{ present: boolean }>(`SELECT to_regclass('migrations') IS NOT NULL AS present`);
    if (!present) return false;
    const recorded = new Set((await this.query<{ name: string }>(`SELECT name FROM migrations`)).map((row) => row.name));
    return this.dataSource.migrations.every((migration) => recorded.has(migration.name!));
  }

  /** Statements and transactions waiting for the embedded database's one connection; 0 on PostgreSQL, whose pool queues on the server's side of the limits. */
  get waitingStatements(): number {
    return this.pool instanceof PGlitePool ? this.pool.waiting : 0;
  }

  /**
   * On PGlite, refuses (SERVICE_UNAVAILABLE) every statement and transaction waiting for the
   * connection and any asked for later, so a stop waits for the one in progress, not the queue.
   * On PostgreSQL nothing: `statement_timeout` bounds every statement there.
   */
  refuseWaiting(): void {
    if (this.pool instanceof PGlitePool) this.pool.refuseWaiting();
  }

  /** Whether the database answers. */
  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Closes every connection, then lets go of the embedded database's folder. */
  async close(): Promise<void> {
    await this.readRouter?.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.lock?.release();
  }
}

/** The lock of an embedded database's folder; none in memory, where no other process can reach it. */
export function lockDataDir(dataDir: string): DataDirLock | null {
  return dataDir === 'memory://' ? null : DataDirLock.acquire(dataDir);
}

/** Whether PostgreSQL rolled the transaction back to break a deadlock or a serialization conflict. */
function rolledBackToRetry(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === '40P01' || code === '40001';
}
