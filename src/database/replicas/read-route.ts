import type { StatementLimits } from '../pglite-pool';
import { StatementRefused } from '../statement-refused';
import { databaseErrorCode, isDatabaseUnavailable } from '../unavailable';
import type { Lsn } from './lsn';
import type { ReadRouter } from './read-router';

/** Runs one statement with a request's limits. */
export type LimitedQuery = <T = Record<string, unknown>>(
  text: string,
  params?: readonly unknown[],
  limits?: StatementLimits,
) => Promise<T[]>;

/**
 * Where one request's statements go. On the primary unless `allowReplicas` was called (a query
 * operation, a feed): then each statement goes to a replica that has replayed the callers' last
 * write, if one has, else to the primary. A replica that fails mid-request is left out and the
 * statement is sent to the primary once (reads are idempotent) instead of failing the request.
 */
export class ReadRoute {
  private replicas = false;
  /** The lowest replay position of the replicas that answered this request; null when none did. */
  private lowest: Lsn | null = null;

  constructor(
    private readonly primary: LimitedQuery,
    private readonly router: ReadRouter | null,
    /** Who the request is for: its API key, its client address (as the rate limiter names them). */
    private readonly callers: readonly string[],
  ) {}

  /** Lets this request's reads go to replicas; call it only for work that writes nothing. */
  allowReplicas(): void {
    this.replicas = true;
  }

  query: LimitedQuery = async <T>(text: string, params?: readonly unknown[], limits?: StatementLimits): Promise<T[]> => {
    const router = this.router;
    const replica = router && this.replicas ? router.pick(this.callers) : null;
    if (!replica) return this.primary<T>(text, params, limits);
    if (limits?.signal?.aborted) throw StatementRefused.abandoned();
    const replayed = replica.replayed;
    let rows: T[];
    try {
      rows = (await replica.query(text, params as unknown[], router!.statementNames.nameOf(text))).rows as T[];
    } catch (error) {
      if (isDatabaseUnavailable(error)) replica.fail(error);
      else if (!isRecoveryConflict(error)) throw error;
      return this.primary<T>(text, params, limits);
    }
    if (this.lowest === null || replayed < this.lowest) this.lowest = replayed;
    return rows;
  };

  /** The request wrote (a mutation ran): its callers' later reads must see what the primary holds now. */
  async wrote(): Promise<void> {
    await this.router?.wrote(this.callers);
  }

  /** Whether this request's answer may be stored in the response cache in `generation` (see ReadRouter.reachedChange). */
  cacheable(generation: number): boolean {
    return this.lowest === null || this.router!.reachedChange(generation, this.lowest);
  }
}

/** A replica cancelled the statement because replay needed what it read (SQLSTATE 40001 on a standby). */
function isRecoveryConflict(error: unknown): boolean {
  return databaseErrorCode(error) === '40001';
}
