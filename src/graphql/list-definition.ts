import type { SortKey } from '../database/keyset-page';
import type { SqlParams } from '../database/sql-params';

/**
 * How one kind of node is listed: its tables, its orders, its filter and the relations through
 * which a parent narrows it. Each concept declares one (`talkList`, `eventList`, …); the list
 * loader turns any of them into batched keyset pages.
 */
export interface ListDefinition<T, Filter, OrderField extends string> {
  /** Name used in loader keys and errors. */
  name: string;
  /** FROM clause with aliases. */
  from: string;
  /** Select list of the node's columns. */
  columns: string;
  /** Key expression, the order's final tie-breaker. */
  id: string;
  /** Sort keys of each order field. */
  sort: Record<OrderField, SortKey[]>;
  /** SQL conditions for a filter; values go through `params`. */
  filter: (filter: Filter, params: SqlParams) => string[];
  /** Conditions that restrict the list to one parent, by relation name. */
  parents: Record<string, (parentRef: string) => string>;
  /** Turns a selected row into the node. */
  map: (row: Record<string, unknown>) => T;
}
