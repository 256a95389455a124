import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { StatementRefused } from '../../database/statement-refused';

/** How much SQL one request may send and read. */
export interface StatementBudgetLimits {
  /** Statements one request may send (MAX_SQL_STATEMENTS). */
  statements: number;
  /** Rows its statements may return, counting the rows of a page that come as one JSON array (MAX_SQL_ROWS). */
  rows: number;
}

/**
 * What one request has spent of its budget of SQL, counted where its statements are sent. The
 * cost limit judges the document; this stops what the document did not show: a request that
 * passed the cost check but sends more statements or reads more rows than any answer needs is
 * stopped with QUERY_BUDGET_EXCEEDED at the statement that would go over.
 */
export class StatementBudget {
  /** Statements sent. */
  count = 0;
  /** Rows returned. */
  rows = 0;

  constructor(private readonly limits: StatementBudgetLimits) {}

  /** Charges one statement before it is sent; throws once the budget is spent. */
  chargeStatement(): void {
    if (this.count >= this.limits.statements) {
      throw exceeded(
        `This request needs more than ${this.limits.statements} SQL statements, the most one request may send; ask for less in one request.`,
        'statements',
        this.limits.statements,
      );
    }
    this.count++;
  }

  /** Charges the rows a statement returned; throws once more were read than the budget allows. */
  chargeRows(rows: readonly Record<string, unknown>[]): void {
    this.rows += rowsIn(rows);
    if (this.rows > this.limits.rows) {
      throw exceeded(
        `This request read more than ${this.limits.rows} rows from the database, the most one request may read; ask for less in one request.`,
        'rows',
        this.limits.rows,
      );
    }
  }
}

function exceeded(message: string, budget: 'statements' | 'rows', limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_BUDGET_EXCEEDED', budget, limit } });
}

/** Rows of a result: each row, and each element of the JSON arrays a row carries (a page's `__rows`, coverage's `__points`). */
function rowsIn(rows: readonly Record<string, unknown>[]): number {
  let count = rows.length;
  for (const row of rows) {
    for (const key in row) {
      const value = row[key];
      if (key.startsWith('__') && Array.isArray(value)) count += value.length;
    }
  }
  return count;
}

/**
 * The error a refused statement gives the request's client, with the code it carries: a busy or
 * stopping database answers 503 with `Retry-After`, as a client or balancer expects of load it
 * may send again (an abandoned request's client already had its 503).
 */
export function refusedStatementError(error: unknown): unknown {
  if (!(error instanceof StatementRefused)) return error;
  const http = error.code === 'TIMEOUT' ? undefined : { status: 503, headers: new HeaderMap([['retry-after', '1']]) };
  return new GraphQLError(error.message, { extensions: { code: error.code, ...(http && { http }) } });
}
