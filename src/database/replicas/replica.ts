import { Pool, type QueryResult } from 'pg';
import { type Lsn, parseLsn } from './lsn';

/** How a replica is connected to and judged. */
export interface ReplicaOptions {
  poolSize: number;
  statementTimeoutMs: number;
  /** Replay further behind than this and the replica is skipped. */
  maxLagMs: number;
  /** Its replay position is asked at most this often. */
  checkMs: number;
  /** A replica that failed is tried again after this long. */
  retryMs: number;
  log: (message: string, error?: unknown) => void;
}

/**
 * Where the replica is and how far behind: the position it has replayed, and how long ago the
 * newest transaction it has not replayed yet committed (0 when it has replayed all it received).
 * A replica whose stream from the primary has not started (no receive position) is taken as
 * infinitely behind: it cannot tell how much it misses.
 */
const STATUS_SQL = `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS replayed,
  CASE WHEN pg_last_wal_receive_lsn() IS NULL THEN 'Infinity'::float8
       WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
       ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0)::float8 END AS lag_ms`;

type State = 'unknown' | 'up' | 'down' | 'not-standby';

/**
 * One streaming replica: its own pool, and what it last said of itself. Its replay position is
 * a lower bound of what it holds at any later moment (replay only moves forward), so a read
 * routed on it sees at least that much. A replica that errors is left out and tried again after
 * `retryMs`; each change of state is logged once, not on every read.
 */
export class Replica {
  /** Replay position at the last check; -1 before the first. */
  replayed: Lsn = -1n;
  lagMs = Infinity;
  /** Statements sent here and not yet answered, for picking the least loaded. */
  inFlight = 0;
  private state: State = 'unknown';
  private checkedAt = 0;
  /** When the replica last answered a check, which measured `lagMs`. */
  private answeredAt = 0;
  private readonly timer: NodeJS.Timeout;
  private retryAt = 0;
  private checking: Promise<void> | null = null;
  private readonly pool: Pool;

  constructor(
    /** How logs name it: host, port and database, never the password. */
    readonly name: string,
    url: string,
    private readonly options: ReplicaOptions,
  ) {
    this.pool = new Pool({
      connectionString: url,
      max: options.poolSize,
      application_name: 'eventgraph-read',
      options: `-c statement_timeout=${options.statementTimeoutMs}`,
      // A replica that does not answer soon is worth less than the primary that does.
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 60_000,
    });
    // An idle connection lost (the replica stopped): without a listener the pool's error would end the process.
    this.pool.on('error', (error) => this.fail(error));
    // Checked on a timer, not when a read comes: the first read after a quiet spell needs a fresh judgement too.
    this.timer = setInterval(() => this.refreshIfDue(Date.now()), options.checkMs);
    this.timer.unref();
  }

  /**
   * Whether a read that must see `lsn` may be sent here now. Lag grows at most as fast as time
   * passes, so the lag measured at the last check plus the time since bounds it now: a replica
   * whose checks stop answering falls out once that bound passes `maxLagMs`.
   */
  serves(lsn: Lsn, now: number): boolean {
    return this.state === 'up' && this.lagMs + (now - this.answeredAt) <= this.options.maxLagMs && this.replayed >= lsn;
  }

  /** Starts a check when one is due (never waits for it): every `checkMs` while up, after `retryMs` once failed. */
  private refreshIfDue(now: number): void {
    if (this.checking) return;
    const due = this.state === 'down' || this.state === 'not-standby' ? now >= this.retryAt : now - this.checkedAt >= this.options.checkMs;
    if (due) void this.check();
  }

  /** Asks the replica where it is; resolves once it answered or was marked failed. */
  check(): Promise<void> {
    return (this.checking ??= this.ask().finally(() => (this.checking = null)));
  }

  private async ask(): Promise<void> {
    this.checkedAt = Date.now();
    try {
      const { rows } = await answersWithin(
        this.pool.query<{ standby: boolean; replayed: string | null; lag_ms: number }>(STATUS_SQL),
        2000,
      );
      const [{ standby, replayed, lag_ms: lagMs }] = rows;
      if (!standby || replayed === null) {
        this.retryAt = Date.now() + this.options.retryMs;
        if (this.state !== 'not-standby')
          this.options.log(`Read replica ${this.name} is not a standby in recovery (a primary, or promoted); it serves no reads`);
        this.state = 'not-standby';
        return;
      }
      const position = parseLsn(replayed);
      if (position > this.replayed) this.replayed = position;
      this.lagMs = Number(lagMs);
      this.answeredAt = this.checkedAt;
      if (this.state === 'down' || this.state === 'not-standby')
        this.options.log(`Read replica ${this.name} answers again; reads go to it again`);
      this.state = 'up';
    } catch (error) {
      this.fail(error);
    }
  }

  /** The replica failed (a check, a read, or a lost idle connection): reads go elsewhere until a later check succeeds. */
  fail(error: unknown): void {
    this.retryAt = Date.now() + this.options.retryMs;
    if (this.state !== 'down')
      this.options.log(
        `Read replica ${this.name} failed; reading from the primary instead, and trying it again every ${this.options.retryMs} ms`,
        error,
      );
    this.state = 'down';
  }

  /** Runs one statement here, prepared under `name` when given. */
  async query(text: string, values: unknown[] | undefined, name: string | undefined): Promise<QueryResult> {
    this.inFlight++;
    try {
      return await this.pool.query({ name, text, values });
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await this.pool.end();
  }
}

/** `work`, or a rejection once `ms` have passed without its answer. */
function answersWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the replica did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
