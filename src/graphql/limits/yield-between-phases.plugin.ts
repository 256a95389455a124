import type { ApolloServerPlugin } from '@apollo/server';
import { setImmediate } from 'node:timers/promises';

/** Documents at least this long (characters) let other requests run between parsing, validation and costing. */
export const LARGE_DOCUMENT = 10_000;

/**
 * Parsing, validating and costing a document are synchronous and linear in its size, and Apollo
 * runs them one after the other in microtasks, so a 100 kB document (10,000 fields) kept every
 * socket waiting for all three, over a second on a busy machine. A large document gives the
 * event loop a turn before each phase, so a /healthz or a small request sent meanwhile waits
 * for one phase at most; a small document pays nothing.
 */
export function yieldBetweenPhasesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if ((request.query?.length ?? 0) < LARGE_DOCUMENT) return;
      return {
        async parsingDidStart() {
          await setImmediate();
        },
        async validationDidStart() {
          await setImmediate();
        },
        async didResolveOperation() {
          await setImmediate();
        },
      };
    },
  };
}
