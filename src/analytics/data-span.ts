import type { Database } from '../database/database';
import { tables } from '../database/tables';
import type { YearSpan } from '../graphql/limits/database-cost';

const { talk } = tables;

/** What the span is taken to be while it cannot be read: every year a date may be given in. */
const UNKNOWN_SPAN: YearSpan = { first: 1900, last: 2200 };

/** Two probes of the talks' date index: the years of the first and the last dated talk. */
export const DATA_SPAN_SQL = `SELECT extract(year FROM (SELECT min(${talk.col.date_key}) FROM ${talk.name} WHERE ${talk.col.date_key} > '-infinity'))::int AS first,
  extract(year FROM (SELECT max(${talk.col.date_key}) FROM ${talk.name} WHERE ${talk.col.date_key} > '-infinity'))::int AS last`;

/**
 * The calendar years the dated talks span, for the cost of time series (one point per period
 * between the first and the last talk), kept in memory so that costing an operation runs no SQL.
 * Read at start-up, after each commit of this instance, and again in the background when a
 * costing finds it older than `maxAgeMs` (for writes by other processes).
 */
export class DataSpan {
  private years: YearSpan | null = UNKNOWN_SPAN;
  private readAt = 0;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly maxAgeMs = 10_000,
  ) {}

  /** The span last read (null: no talk is dated); starts a new read when it is old. */
  current(): YearSpan | null {
    if (Date.now() - this.readAt > this.maxAgeMs) void this.refresh();
    return this.years;
  }

  /** Reads the span again: two probes of the talks' date index. */
  refresh(): Promise<void> {
    this.reading ??= this.db
      .query<{ first: number | null; last: number | null }>(DATA_SPAN_SQL)
      .then(([row]) => {
        this.years = row.first === null || row.last === null ? null : { first: row.first, last: row.last };
      })
      // Unreadable (the database is away): priced as if any year could hold talks.
      .catch(() => {
        this.years = UNKNOWN_SPAN;
      })
      .finally(() => {
        this.readAt = Date.now();
        this.reading = null;
      });
    return this.reading;
  }
}
