import DataLoader from 'dataloader';
import type { KeysetQuery, KeysetRow, KeysetWindow } from '../database/keyset-page';
import { keysetCountSql, keysetPageSql } from '../database/keyset-page';
import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import type { Edge, Page, PageInfo } from './connection';
import { fieldNames, type Selection } from './lookahead';
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
  private readonly batches = new Map<string, ParentLoaders<unknown>>();

  constructor(private readonly sql: SqlRunner) {}

  /**
   * One page of `definition`, under `parent` when given. Nothing is read until a field asks:
   * the rows when `edges`, `nodes` or `pageInfo` is selected, the count when `totalCount` is,
   * so `talks { totalCount }` runs the count statement only. `selection`, what the query
   * selects on the nodes (see `nodeSelection`), decides which of the definition's embeds the
   * page brings, with which columns.
   */
  page<T, F, O extends string>(
    definition: ListDefinition<T, F, O>,
    args: ListArgs<F, O>,
    defaultOrder: { field: O; direction: OrderDirection },
    parent?: ParentRef,
    selection?: Selection,
  ): Page<T> {
    const order = args.orderBy ?? defaultOrder;
    const { from, id, sort, condition, countFrom } = listPath(definition, order.field, parent?.relation);
    const window = pageWindow(args, order.field, sort);
    const embeds = selection ? (definition.embeds ?? []).filter((embed) => embed.fields.some((field) => selection.has(field))) : [];
    const embedded = embeds.map((embed) => embed.select(selection!));
    // Nodes of a page serve the query's selection only and are never shared, so they can be partial too.
    const columns = [definition.columns(selection && fieldNames(selection)), ...embedded.map((sql, i) => `${sql} AS "__embed${i}"`)].join(', ');
    const build = (params: SqlParams, parentIds?: readonly number[], count = false): KeysetQuery => ({
      from: count && countFrom && !args.filter ? countFrom : from,
      columns,
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
      const edges = taken.map((row) => {
        const node = definition.map(row);
        embeds.forEach((embed, i) => embed.attach(node, row[`__embed${i}`]));
        return new RowEdge(node, order.field, sort.map((_, i) => row[`__k${i}`]), row.__id);
      });
      return {
        edges,
        pageInfo: {
          hasNextPage: window.backward ? window.before !== undefined : more,
          hasPreviousPage: window.backward ? more : window.after !== undefined,
          get startCursor() {
            return edges[0]?.cursor ?? null;
          },
          get endCursor() {
            return edges.at(-1)?.cursor ?? null;
          },
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

    const key = `${definition.name}:${parent.relation}:${JSON.stringify(args)}:${order.field}:${order.direction}:${columns}`;
    let loaders = this.batches.get(key) as ParentLoaders<T> | undefined;
    if (!loaders) {
      loaders = {
        counts: new DataLoader<number, number>(async (ids) => {
          const params = new SqlParams();
          const rows = await this.sql<{ __parent: number; count: number }>(keysetCountSql(build(params, ids, true)), params.values);
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
      this.batches.set(key, loaders as ParentLoaders<unknown>);
    }
    const { pages, counts } = loaders;
    return lazyPage(() => pages.load(parent.id), () => counts.load(parent.id));
  }
}

/** An edge whose cursor is encoded only if the query asks for it. */
class RowEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly order: string,
    private readonly keys: string[],
    private readonly id: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.order, { keys: this.keys, id: this.id });
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
