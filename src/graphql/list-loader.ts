import DataLoader from 'dataloader';
import type { KeysetQuery, KeysetRow, KeysetWindow } from '../database/keyset-page';
import { keysetCountSql, keysetPageSql } from '../database/keyset-page';
import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import type { Edge, Page, PageInfo } from './connection';
import { encodeCursor, pageWindow } from './cursor';
import { type ListDefinition, listPath } from './list-definition';
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
  private readonly loaders = new Map<string, ParentLoaders<unknown>>();

  constructor(private readonly sql: SqlRunner) {}

  /**
   * One page of `definition`, under `parent` when given. Nothing is read until a field asks:
   * the rows when `edges`, `nodes` or `pageInfo` is selected, the count when `totalCount` is,
   * so `talks { totalCount }` runs the count statement only.
   */
  page<T, F, O extends string>(
    definition: ListDefinition<T, F, O>,
    args: ListArgs<F, O>,
    defaultOrder: { field: O; direction: OrderDirection },
    parent?: ParentRef,
  ): Page<T> {
    const order = args.orderBy ?? defaultOrder;
    const { from, id, sort, condition } = listPath(definition, order.field, parent?.relation);
    const window = pageWindow(args, order.field, sort);
    const build = (params: SqlParams, parentIds?: readonly number[]): KeysetQuery => ({
      from,
      columns: definition.columns,
      id,
      where: args.filter ? definition.filter(args.filter, params) : [],
      sort,
      descending: order.direction === OrderDirection.DESC,
      params,
      parents: condition && parentIds ? { ids: parentIds, condition } : undefined,
    });
    const toRows = (rows: (KeysetRow & Record<string, unknown>)[]): PageRows<T> => {
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
      };
    };
    const lazyPage = (rows: () => Promise<PageRows<T>>, count: () => Promise<number>): Page<T> => {
      let loaded: Promise<PageRows<T>> | undefined;
      const load = () => (loaded ??= rows());
      return { edges: () => load().then((p) => p.edges), pageInfo: () => load().then((p) => p.pageInfo), count };
    };

    if (!parent) {
      let counted: Promise<number> | undefined;
      return lazyPage(
        () => {
          const params = new SqlParams();
          return this.sql<KeysetRow & Record<string, unknown>>(keysetPageSql(build(params), window), params.values).then(toRows);
        },
        () => {
          const params = new SqlParams();
          counted ??= this.sql<{ count: number }>(keysetCountSql(build(params)), params.values).then((r) => r[0].count);
          return counted;
        },
      );
    }

    const key = `${definition.name}:${parent.relation}:${JSON.stringify(args)}:${order.field}:${order.direction}`;
    let loaders = this.loaders.get(key) as ParentLoaders<T> | undefined;
    if (!loaders) {
      loaders = {
        counts: new DataLoader<number, number>(async (ids) => {
          const params = new SqlParams();
          const rows = await this.sql<{ __parent: number; count: number }>(keysetCountSql(build(params, ids)), params.values);
          const byParent = new Map(rows.map((r) => [r.__parent, r.count]));
          return ids.map((id) => byParent.get(id) ?? 0);
        }),
        pages: new DataLoader<number, PageRows<T>>(async (ids) => {
          const params = new SqlParams();
          const rows = await this.sql<KeysetRow & Record<string, unknown>>(keysetPageSql(build(params, ids), window), params.values);
          const byParent = new Map<number, (KeysetRow & Record<string, unknown>)[]>();
          for (const row of rows) {
            const list = byParent.get(row.__parent!) ?? [];
            list.push(row);
            byParent.set(row.__parent!, list);
          }
          return ids.map((id) => toRows(byParent.get(id) ?? []));
        }),
      };
      this.loaders.set(key, loaders as ParentLoaders<unknown>);
    }
    const { pages, counts } = loaders;
    return lazyPage(() => pages.load(parent.id), () => counts.load(parent.id));
  }
}

/** The rows of one page, turned into edges, and where the page sits in its list. */
interface PageRows<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** The batched loaders of one list field with one set of arguments: pages and counts by parent. */
interface ParentLoaders<T> {
  pages: DataLoader<number, PageRows<T>>;
  counts: DataLoader<number, number>;
}
