import { StatementNames } from '../statement-names';
import { CallerPositions } from './caller-positions';
import { type Lsn, parseLsn, UNREACHABLE_LSN } from './lsn';
import { Replica, type ReplicaOptions } from './replica';

/** Runs one statement on the primary. */
export type PrimaryQuery = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Chooses where each read goes among streaming replicas, so that none answers older than what
 * its caller wrote: a caller's write records the primary's WAL position, and its reads go only
 * to a replica whose replay position (asked every `checkMs`) has reached it; else to the
 * primary. Among the replicas that qualify, the one with the fewest statements in flight.
 */
export class ReadRouter {
  private readonly replicas: Replica[];
  private readonly positions = new CallerPositions();
  /** Replicas share prepared statements' names with the primary: the same text, the same name. */
  readonly statementNames = new StatementNames();
  private turn = 0;
  /** The primary's position once the response cache's generation `generation` had begun. */
  private change: { generation: number; lsn: Lsn } | null = null;
  private changeAsked: Promise<void> | null = null;

  private constructor(
    urls: readonly string[],
    options: ReplicaOptions,
    private readonly primary: PrimaryQuery,
  ) {
    this.replicas = urls.map((url) => new Replica(describe(url), url, options));
  }

  /** Connects to every replica and asks where each is; one that does not answer is left out and retried later. */
  static async start(urls: readonly string[], options: ReplicaOptions, primary: PrimaryQuery): Promise<ReadRouter> {
    const router = new ReadRouter(urls, options, primary);
    await Promise.all(router.replicas.map((replica) => replica.check()));
    return router;
  }

  /** The replica a read of `callers` goes to, or null for the primary. */
  pick(callers: readonly string[]): Replica | null {
    const now = Date.now();
    const required = this.positions.required(callers);
    let best: Replica | null = null;
    const count = this.replicas.length;
    const first = this.turn++ % count;
    for (let i = 0; i < count; i++) {
      const replica = this.replicas[(first + i) % count];
      if (replica.serves(required, now) && (!best || replica.inFlight < best.inFlight)) best = replica;
    }
    return best;
  }

  /**
   * The callers wrote: their reads from now on must include everything the primary holds now.
   * When the primary cannot say where it is, they read from the primary until their next write.
   */
  async wrote(callers: readonly string[]): Promise<void> {
    let position = UNREACHABLE_LSN;
    try {
      position = await this.primaryPosition();
    } catch {
      // The write most likely failed as well; reading from the primary is right either way.
    }
    this.positions.wrote(callers, position);
  }

  /**
   * Whether an answer read from replicas that had all replayed `lowest` may be stored in the
   * response cache in `generation`. Every invalidation starts a generation; the primary's
   * position asked once a generation has begun is at or past every write that invalidated the
   * cache so far, so a replica at or past it holds them all. Until that position is known (it is
   * asked at the first such answer) nothing read from a replica is stored: a replica still
   * behind a write would otherwise put back, for good, what that write's invalidation removed.
   */
  reachedChange(generation: number, lowest: Lsn): boolean {
    const change = this.change;
    if (change && change.generation >= generation) return lowest >= change.lsn;
    this.changeAsked ??= this.primaryPosition()
      .then(
        (lsn) => {
          if (!this.change || this.change.generation < generation) this.change = { generation, lsn };
        },
        () => {},
      )
      .finally(() => (this.changeAsked = null));
    return false;
  }

  private async primaryPosition(): Promise<Lsn> {
    const [row] = await this.primary('SELECT pg_current_wal_lsn()::text AS lsn');
    return parseLsn(row.lsn as string);
  }

  async close(): Promise<void> {
    await this.changeAsked;
    await Promise.all(this.replicas.map((replica) => replica.close()));
  }
}

/** A replica's name for logs: host, port and database of its URL, without user or password. */
function describe(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}
