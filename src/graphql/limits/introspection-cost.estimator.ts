import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What `__schema` costs: the whole schema is built and serialised on the event loop, and ten
 * copies of GraphiQL's query under aliases held it for up to a second on a busy machine; at
 * this price four fit under the default limit.
 */
export const SCHEMA_INTROSPECTION_COST = 2500;
/** What `__type(name:)` costs: one type with its fields and their arguments. */
export const TYPE_INTROSPECTION_COST = 20;

/**
 * Costs introspection by what it answers, not by the shape of its selection: it is read from the
 * schema in memory, and how deep and how nested in lists it may ask is bounded before costing
 * (documentLimitError). Costed like data, `types { fields { args } }` is three lists of ten:
 * GraphiQL's own introspection query came to 51,833, five times the limit.
 */
export function introspectionCostEstimator(): ComplexityEstimator {
  return ({ type, field }) => {
    if (type.name.startsWith('__')) return 0;
    if (field.name === '__schema') return SCHEMA_INTROSPECTION_COST;
    if (field.name === '__type') return TYPE_INTROSPECTION_COST;
    return undefined;
  };
}
