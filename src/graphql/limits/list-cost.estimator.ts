import { getNamedType, getNullableType, isListType, isObjectType, isInterfaceType, isUnionType } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../page-args';

/** What a list without page arguments (`Talk.speakers`, `Event.projects`) is assumed to hold. */
export const BOUNDED_LIST_SIZE = 10;

/**
 * Costs a list by how many elements it may return: a connection by its `first` or `last`
 * (20 when neither is given), `nodes(ids:)` by the number of IDs, any other list of objects
 * by BOUNDED_LIST_SIZE. `edges` and `nodes` inside a connection are not counted again.
 */
export function listCostEstimator(): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name.endsWith('Connection')) return 1 + childComplexity;
    const size = (value: unknown) => (typeof value === 'number' && value > 0 ? value : null);
    if (field.args.some((arg) => arg.name === 'first'))
      return 1 + childComplexity * (size(args.first) ?? size(args.last) ?? DEFAULT_PAGE_SIZE);
    if (Array.isArray(args.ids)) return 1 + childComplexity * args.ids.length;
    const named = getNamedType(field.type);
    if (isListType(getNullableType(field.type)) && (isObjectType(named) || isInterfaceType(named) || isUnionType(named))) {
      return 1 + childComplexity * BOUNDED_LIST_SIZE;
    }
    return undefined;
  };
}
