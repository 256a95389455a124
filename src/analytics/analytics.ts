import { ObjectType } from 'type-graphql';
import { badInput } from '../graphql/bad-input';
import type { AnalyticsFilter } from './analytics.filter';

/** The figures behind the dashboards, over one slice of the graph; each field runs one SQL statement. */
@ObjectType({
  description:
    'Figures behind the dashboards, computed in the database over the slice of the graph the filter selects. Each field runs one SQL statement.',
})
export class Analytics {
  /** The slice every field is computed over (not exposed: the client sent it). */
  filter: AnalyticsFilter;
}

/** The most rows a ranked analytics list returns. */
export const MAX_RANKED = 100;

/** Rejects a `first` outside 1..MAX_RANKED with a message naming the argument. */
export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RANKED)
    throw badInput(`\`first\` must be between 1 and ${MAX_RANKED}, not ${first}.`, 'first');
  return first;
}
