import DataLoader from 'dataloader';
import type { KeysetQuery, KeysetRow, KeysetWindow } from '../database/keyset-page';
import { keysetCountSql, keysetPageSql } from '../database/keyset-page';
import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import type { Page } from './connection';
import { encodeCursor, pageWindow } from './cursor';
import type { ListDefinition } from './list-definition';
import { OrderDirection } from './order-direction.enum';
import type { PageArgs } from './page-args';

/** Arguments of any list field: page window, optional filter and order. */
export interface ListArgs<Filter, OrderField extends string> extends PageArgs {
  filter?: Filter | null;
  orderBy?: { field: OrderField; direction: OrderDirection } | null;
}

/** A list narrowed to one parent through a relation: `project.talks` is `{ relation: 'project', id }`. */
export interface ParentRef {
  relation: string;
  id: number;
}

/**
 * Pages of any list for one request. Lists under many parents (the talks of each of 50
 * projects) are batched into one statement per distinct field and arguments, and so are their
 * counts: the number of statements follows the query's shape, never the number of rows.
 */
export class ListLoader {
  private readonly loaders = new Map<string, DataLoader<number, Page<unknown>>>();

  constructor(private readonly sql: SqlRunner) {}

  /** One page of `definition`, under `parent` when given. */
  page<T, F, O extends string>(
    definition: ListDefinition<T, F, O>,
    args: ListArgs<F, O>,
    defaultOrder: { field: O; direction: OrderDirection },
    parent?: ParentRef,
  ): Promise<Page<T>> {
    const order = args.orderBy ?? defaultOrder;
    const sort = definition.sort[order.field];
    const window = pageWindow(args, order.field, sort);
    const build = (params: SqlParams, parentIds?: readonly number[]): KeysetQuery => ({
      from: definition.from,
      columns: definition.columns,
      id: definition.id,
      where: args.filter ? definition.filter(args.filter, params) : [],
      sort,
      descending: order.direction === OrderDirection.DESC,
      params,
      parents: parent && parentIds ? { ids: parentIds, condition: definition.parents[parent.relation] } : undefined,
    });
    const toPage = (rows: (KeysetRow & Record<string, unknown>)[], count: () => Promise<number>): Page<T> => {
      const more = rows.length > window.limit;
      const taken = more ? rows.slice(0, window.limit) : rows;
      if (window.backward) taken.reverse();
      const edges = taken.map((row) => ({
        cursor: encodeCursor(order.field, { keys: sort.map((_, i) => row[`__k${i}`]), id: row.__id }),
        node: definition.map(row),
      }));
      return {
        edges,
        pageInfo: {
          hasNextPage: window.backward ? window.before !== undefined : more,
          hasPreviousPage: window.backward ? more : window.after !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        count,
      };
    };

    if (!parent) {
      const params = new SqlParams();
      const text = keysetPageSql(build(params), window);
      let counted: Promise<number> | undefined;
      const count = () => {
        const countParams = new SqlParams();
        counted ??= this.sql<{ count: number }>(keysetCountSql(build(countParams)), countParams.values).then((r) => r[0].count);
        return counted;
      };
      return this.sql<KeysetRow & Record<string, unknown>>(text, params.values).then((rows) => toPage(rows, count));
    }

    const key = `${definition.name}:${parent.relation}:${JSON.stringify(args)}:${order.field}:${order.direction}`;
    let loader = this.loaders.get(key) as DataLoader<number, Page<T>> | undefined;
    if (!loader) {
      const counts = new DataLoader<number, number>(async (ids) => {
        const params = new SqlParams();
        const rows = await this.sql<{ __parent: number; count: number }>(keysetCountSql(build(params, ids)), params.values);
        const byParent = new Map(rows.map((r) => [r.__parent, r.count]));
        return ids.map((id) => byParent.get(id) ?? 0);
      });
      loader = new DataLoader<number, Page<T>>(async (ids) => {
        const params = new SqlParams();
        const rows = await this.sql<KeysetRow & Record<string, unknown>>(keysetPageSql(build(params, ids), window), params.values);
        const byParent = new Map<number, (KeysetRow & Record<string, unknown>)[]>();
        for (const row of rows) {
          const list = byParent.get(row.__parent!) ?? [];
          list.push(row);
          byParent.set(row.__parent!, list);
        }
        return ids.map((id) => toPage(byParent.get(id) ?? [], () => counts.load(id)));
      });
      this.loaders.set(key, loader as DataLoader<number, Page<unknown>>);
    }
    return loader.load(parent.id);
  }
}
