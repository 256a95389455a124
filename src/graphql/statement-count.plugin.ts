import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';

/**
 * Reports how many SQL statements a request ran as `extensions.sqlStatements`, so tests and
 * benchmarks can hold the N+1 line from the outside, as a client sees the API.
 */
export function statementCountPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: contextValue.statements.count,
            };
          }
        },
      };
    },
  };
}
