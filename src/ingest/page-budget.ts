/** Thrown by {@link Deadline.check} once a page's time budget is spent. */
export class OverBudget extends Error {
  constructor(
    readonly phase: string,
    readonly line: number | null,
    readonly budgetMs: number,
  ) {
    super(`over the ${budgetMs} ms time budget for one page while ${phase}; split the page or fix what makes it slow`);
  }
}

/** A point in time a page's extraction must not pass; synchronous work calls `check` between its steps. */
export interface Deadline {
  /** Throws {@link OverBudget} (with the line being worked on, when known) once the deadline has passed. */
  check(phase: string, line?: number | null): void;
}

/** A deadline `budgetMs` from now. */
export function deadlineIn(budgetMs: number): Deadline {
  const end = performance.now() + budgetMs;
  return {
    check(phase, line = null) {
      if (performance.now() > end) throw new OverBudget(phase, line, budgetMs);
    },
  };
}

/** A deadline that never passes, for callers that bound the work otherwise. */
export const NO_DEADLINE: Deadline = { check() {} };
