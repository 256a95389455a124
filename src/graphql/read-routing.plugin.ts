import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';

/**
 * Sends the statements of query operations to read replicas (see ReadRoute) and keeps those of
 * mutations on the primary; after a mutation with a key, answered or failed, the caller's later reads must
 * see what the primary holds then, so a replica that has not replayed its write never answers it.
 */
export function readRoutingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let mutation = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') contextValue.reads.allowReplicas();
          mutation = operation?.operation === 'mutation';
        },
        // Before the answer leaves: the caller's next request may already be on its way. Only
        // with a key, since nothing else may write: an anonymous client sending mutations from
        // many addresses must not cost the primary a statement each or crowd out the writers.
        async willSendResponse({ contextValue }) {
          if (mutation && contextValue.viewer) await contextValue.reads.wrote();
        },
      };
    },
  };
}
