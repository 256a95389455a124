import { DATA_SPAN_SQL } from '../../src/analytics/data-span';
import type { Database } from '../../src/database/database';

/** What a server sent its database while something ran. */
export interface StatementSpy {
  /** The text of every statement sent through `db.query` since the spy was set, the background read of the data span aside. */
  sent(): string[];
  /** Puts `db.query` back. */
  restore(): void;
}

/**
 * Records every statement `db` is asked to run outside a transaction: request statements,
 * API-key lookups, anything a resolver runs. The data span (read again in the background when
 * an operation is costed and the span is old) is left out: it is no request's work.
 */
export function spyOnStatements(db: Database): StatementSpy {
  const original = db.query;
  const sent: string[] = [];
  db.query = ((text: string, params?: readonly unknown[], limits?: Parameters<Database['query']>[2]) => {
    if (text !== DATA_SPAN_SQL) sent.push(text);
    return original(text, params, limits);
  }) as Database['query'];
  return {
    sent: () => [...sent],
    restore: () => {
      db.query = original;
    },
  };
}
