import type { KeyKind } from '../graphql/response-cache/keyed-tables';
import type { SortKey } from './keyset-page';
import type { SqlParams } from '../database/sql-params';
import type { Selection } from './lookahead';

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
  /** Select list of the node's columns; with `fields`, of those a query selects (see `entityColumns`). */
  columns: (fields?: readonly string[]) => string;
  /** Key expression, the order's final tie-breaker. */
  id: string;
  /** Sort keys of each order field. */
  sort: Record<OrderField, SortKey[]>;
  /** SQL conditions for a filter; values go through `params`. */
  filter: (filter: Filter, params: SqlParams) => string[];
  /** SQL conditions that hold when no filter is given (a filter's own conditions then say them), e.g. talks in force only. */
  unfiltered?: string[];
  /** How a parent narrows the list, by relation name. */
  parents: Record<string, ParentPath<OrderField>>;
  /** Turns a selected row into the node. */
  map: (row: Record<string, unknown>) => T;
  /** Related rows a page can bring along in its own statement when the query selects them. */
  embeds?: ListEmbed<T>[];
  /**
   * Relations under which a page reads the keyed tables (talks, their links and cards) only about
   * talks linked to the parent through that relation, by the key kind that names the parent: its
   * FROM, filter, sort keys and embeds reach no other talk. The response cache then tags such a
   * page with the parent's key instead of those tables (see `response-cache/keyed-tables.ts`).
   */
  keyedParents?: Partial<Record<string, KeyKind>>;
}

/**
 * Related rows read inside a list's page statement, as JSON, when the query selects any of
 * `fields` on the nodes: a talk page that shows each talk's speakers brings them along instead of
 * sending a statement after it, with only the columns the query selects. `attach` keeps them on
 * the node, where the fields' resolvers look first; being partial, they never reach a shared loader.
 */
export interface ListEmbed<T> {
  /** The relation's name; the page's rows carry it as JSON under `__<name>`. */
  name: string;
  /** Node fields that read the related rows. */
  fields: string[];
  /** SQL expression over the list's FROM aliases giving the related rows as JSON, for what `selection` selects on the nodes. */
  select: (selection: Selection) => string;
  attach: (node: T, value: unknown) => void;
}

/**
 * How a parent narrows a list: a condition on the list's own FROM, or a path of its own that
 * starts at a link table whose index serves an order (`talk_project` by project and talk date),
 * so a page reads its rows in order and stops. A path's sort keys must give the same values as
 * the list's, so cursors stay valid whichever way the page was read.
 */
export type ParentPath<OrderField extends string> =
  | ((parentRef: string) => string)
  | {
      from: string;
      condition: (parentRef: string) => string;
      id: string;
      sort: Partial<Record<OrderField, SortKey[]>>;
      /**
       * FROM that counts the parent's nodes when no filter narrows them: each row of the link
       * table is one node, so `talks { totalCount }` reads the link index and joins nothing.
       */
      countFrom?: string;
      /**
       * SQL for the number of the parent's nodes when no filter narrows them, read from a count
       * kept on write (`project_tally`); no row means none. Takes precedence over `countFrom`.
       */
      count?: (parentRef: string) => string;
    };

/** The FROM, key, sort keys and parent condition a list is read with, at the root or under a parent. */
export function listPath<T, F, O extends string>(definition: ListDefinition<T, F, O>, field: O, relation?: string) {
  const path = relation === undefined ? undefined : definition.parents[relation];
  if (relation !== undefined && !path) throw new Error(`${definition.name} has no parent relation "${relation}"`);
  const via = typeof path === 'object' ? path : undefined;
  return {
    from: via?.from ?? definition.from,
    id: via?.id ?? definition.id,
    sort: via?.sort[field] ?? definition.sort[field],
    condition: typeof path === 'function' ? path : via?.condition,
    countFrom: via?.countFrom,
    count: via?.count,
  };
}
