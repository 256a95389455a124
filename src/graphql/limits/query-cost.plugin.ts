import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { Context } from '../context';
import { introspectionCostEstimator } from './introspection-cost.estimator';
import { databaseCostEstimator, type YearSpan } from './database-cost';
import { freeTextEstimator } from './free-text.estimator';
import { listCostEstimator } from './list-cost.estimator';

/**
 * The cost of an operation: every field 1, every list times what it may return, plus what the
 * database does for aggregates, counts and search, and time series times the periods the data
 * spans (`span`; see database-cost.ts); aliases and fragments count each time they are used.
 * Throws BAD_USER_INPUT-worthy GraphQLErrors for free text over its length cap.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown>,
  operationName?: string | null,
  span: YearSpan | null = null,
): number {
  const fieldExtensions = fieldExtensionsEstimator();
  const list = listCostEstimator();
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName: operationName ?? undefined,
    estimators: [
      introspectionCostEstimator(),
      freeTextEstimator(),
      databaseCostEstimator(span, (options) => fieldExtensions(options) ?? list(options)),
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

/**
 * Refuses an operation that costs more than `limit` after it is parsed and validated and before
 * any resolver runs, so an expensive query never reaches the database.
 */
export function queryCostPlugin(limit: number, span: () => YearSpan | null = () => null): ApolloServerPlugin<Context> {
  // The cost is a function of the document and the variables only. Apollo hands back the same
  // parsed document for the same query text, so a dashboard resending an operation with the same
  // variables is costed once; a bounded number of variable sets is kept per document.
  const costs = new WeakMap<object, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            const years = span();
            // The span prices time series: a cost computed before the data grew is not reused.
            const key = `${years?.first}-${years?.last}\n${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
            let known = costs.get(document);
            if (!known) costs.set(document, (known = new Map()));
            cost = known.get(key) ?? queryCost(schema, document, request.variables ?? {}, request.operationName, years);
            if (!known.has(key)) {
              if (known.size >= 64) known.delete(known.keys().next().value!);
              known.set(key, cost);
            }
          } catch (error) {
            // Costing reads the variables first; values of the wrong type are the client's to fix.
            if (error instanceof GraphQLError)
              throw new GraphQLError(error.message, { extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } } });
            throw error;
          }
          if (cost > limit) {
            throw new GraphQLError(
              `This operation costs ${cost}, more than the limit of ${limit}: ask for fewer fields or smaller pages.`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
