import DataLoader from 'dataloader';
import type { KeysetQuery, KeysetRow, KeysetWindow } from './keyset-page';
import { keysetCountSql, keysetPageSql, keysetRootPageSql } from './keyset-page';
import type { SqlRunner } from '../database/database';
import { SqlParams } from '../database/sql-params';
import type { Edge, Page, PageInfo } from '../graphql/connection';
import { fieldNames, type Selection } from './lookahead';
import { encodeCursor, pageWindow } from './cursor';
import { type ListDefinition, type ListEmbed, listPath } from './list-definition';
import { OrderDirection } from '../graphql/order-direction.enum';
import type { PageArgs } from '../graphql/page-args';
import { keyTags } from '../graphql/response-cache/keyed-tables';

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
  private readonly batches = new Map<string, DataLoader<string, unknown>>();
  private readonly rootBatches = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly sql: SqlRunner) {}

  /** Forgets every page and count read so far (the request is answered); later calls read afresh. */
  release(): void {
    this.batches.clear();
    this.rootBatches.clear();
  }

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
    const plan = planList(definition, args, defaultOrder, parent?.relation, selection);
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
          return this.sql<PageColumn>(keysetPageSql(plan.build(params), plan.window), params.values).then((r) => plan.toRows(r[0].__rows));
        },
        () => {
          const params = new SqlParams();
          counted ??= this.sql<{ count: number }>(keysetCountSql(plan.build(params)), params.values).then((r) => r[0].count);
          return counted;
        },
      );
    }
    const loader = this.parentLoader(plan);
    return lazyPage(
      () => loader.load(rowsKey(parent.id)) as Promise<PageRows<T>>,
      () => loader.load(countKey(parent.id)) as Promise<number>,
    );
  }

  /**
   * Looks up a root by `key` and reads the first page of one of its lists in the same
   * statement, leaving the page where `page` will find it when the list's own field resolves
   * with the same arguments and selection: `project(slug:) { talks { … } }` is one statement.
   * Roots asked for together are looked up together. Null when the arguments would not make a
   * page (a bad cursor, a page size out of range): the caller then looks the root up alone and
   * the list's field reports the error where it belongs.
   */
  rootWithPage<R, T, F, O extends string>(
    root: RootLookup<R>,
    key: string,
    definition: ListDefinition<T, F, O>,
    args: ListArgs<F, O>,
    defaultOrder: { field: O; direction: OrderDirection },
    relation: string,
    selection: Selection,
  ): Promise<R | null> | null {
    let plan: ListPlan<T>;
    try {
      plan = planList(definition, args, defaultOrder, relation, selection);
    } catch {
      return null;
    }
    const condition = plan.condition;
    if (!condition) throw new Error(`${definition.name} has no relation "${relation}"`);
    const batchKey = `${root.name}|${plan.key}`;
    let loader = this.rootBatches.get(batchKey) as DataLoader<string, R | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, R | null>(async (keys) => {
        const params = new SqlParams();
        const roots = root.sql(params.add(keys));
        const rows = await this.sql<PageColumn & RootColumns>(
          keysetRootPageSql(roots, condition, plan.build(params), plan.window),
          params.values,
          plan.keys && { keys: (found) => plan.keys!(found.map((row) => row.__root_id)) },
        );
        const byKey = new Map(rows.map((row) => [row.__key, row]));
        const loader = this.parentLoader(plan);
        return keys.map((k) => {
          const row = byKey.get(k);
          if (!row) return null;
          loader.prime(rowsKey(row.__root_id), plan.toRows(row.__rows));
          return root.map(row.__root);
        });
      });
      this.rootBatches.set(batchKey, loader as DataLoader<string, unknown>);
    }
    return loader.load(key);
  }

  /**
   * The batched pages and counts of one list field with one set of arguments, as one loader:
   * keys are `rowsKey(parent)` and `countKey(parent)`. A connection that selects both its nodes
   * and `totalCount` asks for both in the same tick, so they land in one batch and one
   * statement; a batch that wants only one of them reads only that.
   */
  private parentLoader<T>(plan: ListPlan<T>): DataLoader<string, PageRows<T> | number> {
    let loader = this.batches.get(plan.key) as DataLoader<string, PageRows<T> | number> | undefined;
    if (!loader) {
      loader = new DataLoader<string, PageRows<T> | number>(async (keys) => {
        const rowIds = new Set<number>();
        const countIds = new Set<number>();
        for (const key of keys) (key.startsWith('c') ? countIds : rowIds).add(Number(key.slice(1)));
        const sameParents = rowIds.size === countIds.size && [...rowIds].every((id) => countIds.has(id));
        const rows = new Map<number, ListRow[]>();
        const counts = new Map<number, number>();
        const readPages = async (ids: number[], withCount: boolean) => {
          const params = new SqlParams();
          const page = plan.build(params, ids);
          const sql = withCount ? keysetPageSql(page, plan.window, plan.build(params, ids, true)) : keysetPageSql(page, plan.window);
          for (const row of await this.sql<PageColumn & { __parent: number; count?: number }>(
            sql,
            params.values,
            plan.keys && { keys: () => plan.keys!(ids) },
          )) {
            rows.set(row.__parent, row.__rows);
            if (withCount) counts.set(row.__parent, row.count!);
          }
        };
        const readCounts = async (ids: number[]) => {
          const params = new SqlParams();
          for (const row of await this.sql<{ __parent: number; count: number }>(
            keysetCountSql(plan.build(params, ids, true)),
            params.values,
            plan.keys && { keys: () => plan.keys!(ids) },
          )) {
            counts.set(row.__parent, row.count);
          }
        };
        if (sameParents) await readPages([...rowIds], true);
        else await Promise.all([rowIds.size ? readPages([...rowIds], false) : null, countIds.size ? readCounts([...countIds]) : null]);
        return keys.map((key) => {
          const id = Number(key.slice(1));
          return key.startsWith('c') ? (counts.get(id) ?? 0) : plan.toRows(rows.get(id) ?? []);
        });
      });
      this.batches.set(plan.key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

/** The key of a parent's page in a list's loader. */
const rowsKey = (parent: number) => `r${parent}`;
/** The key of a parent's count in a list's loader. */
const countKey = (parent: number) => `c${parent}`;

/**
 * How a root field looks its object up when it reads the first page of one of the object's
 * lists in the same statement (see `ListLoader.rootWithPage`).
 */
export interface RootLookup<R> {
  /** Tells lookups apart in batch keys, e.g. `projectByKey`. */
  name: string;
  /**
   * A sub-select yielding, for each key in the `text[]` parameter `keys` that has a root,
   * `"__key"` (the key as given), `"__root_id"` (the id the list hangs on) and `"__root"`
   * (what `map` reads, as JSON).
   */
  sql: (keys: string) => string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parsed JSON row, shaped by `sql`
  map: (root: any) => R;
}

/** A page as `keysetPageSql` returns it: its rows as one JSON array. */
interface PageColumn {
  __rows: ListRow[];
}

/** The columns `RootLookup.sql` adds to a root's row. */
interface RootColumns {
  __key: string;
  __root_id: number;
  __root: unknown;
}

type ListRow = KeysetRow & Record<string, unknown>;

/** One list field with one set of arguments, in SQL terms: how to build its statements and read their rows. */
interface ListPlan<T> {
  /** Identifies the field, arguments and selection: pages with the same key are interchangeable. */
  key: string;
  window: KeysetWindow;
  condition?: (parentRef: string) => string;
  build: (params: SqlParams, parentIds?: readonly number[], count?: boolean) => KeysetQuery;
  toRows: (rows: ListRow[]) => PageRows<T>;
  /** Under a keyed parent relation (`ListDefinition.keyedParents`), the keys of the parents a statement read. */
  keys?: (parentIds: readonly number[]) => string[];
}

/** Plans a list; throws BAD_USER_INPUT when the arguments make no page (see `pageWindow`). */
function planList<T, F, O extends string>(
  definition: ListDefinition<T, F, O>,
  args: ListArgs<F, O>,
  defaultOrder: { field: O; direction: OrderDirection },
  relation?: string,
  selection?: Selection,
): ListPlan<T> {
  const order = args.orderBy ?? defaultOrder;
  const { from, id, sort, condition, countFrom, count: keptCount } = listPath(definition, order.field, relation);
  const window = pageWindow(args, order.field, sort);
  const { columns, embeds } = selectedColumns(definition, selection);
  const keyKind = relation === undefined ? undefined : definition.keyedParents?.[relation];
  return {
    keys: keyKind && keyTags(keyKind),
    key: `${definition.name}:${relation}:${listArgsKey(args)}:${order.field}:${order.direction}:${columns}`,
    window,
    condition,
    build: (params, parentIds, count = false) => ({
      from: count && countFrom && !args.filter ? countFrom : from,
      columns,
      id,
      // A count read from a link table alone (countFrom) has no row of the list to hold conditions on.
      where: args.filter ? definition.filter(args.filter, params) : count && countFrom ? [] : (definition.unfiltered ?? []),
      sort,
      descending: order.direction === OrderDirection.DESC,
      params,
      parents: condition && parentIds ? { ids: parentIds, condition, count: count && !args.filter ? keptCount : undefined } : undefined,
    }),
    toRows: (rows) => {
      const more = rows.length > window.limit;
      const taken = more ? rows.slice(0, window.limit) : rows;
      if (window.backward) taken.reverse();
      const edges = taken.map((row) => {
        const node = definition.map(row);
        for (const embed of embeds) embed.attach(node, row[`__${embed.name}`]);
        return new RowEdge(
          node,
          order.field,
          sort.map((_, i) => row[`__k${i}`]),
          row.__id,
        );
      });
      return {
        edges,
        pageInfo: new RowPageInfo(
          window.backward ? window.before !== undefined : more,
          window.backward ? more : window.after !== undefined,
          edges,
        ),
      };
    },
  };
}

/** The columns and embeds of a list for one selection, made once per selection (selections are shared by requests of the same document, see `nodeSelection`). */
const selectedByDefinition = new WeakMap<Selection, Map<string, { columns: string; embeds: ListEmbed<unknown>[] }>>();

function selectedColumns<T, F, O extends string>(
  definition: ListDefinition<T, F, O>,
  selection?: Selection,
): { columns: string; embeds: ListEmbed<T>[] } {
  let byName = selection && selectedByDefinition.get(selection);
  const cached = byName?.get(definition.name);
  if (cached) return cached as { columns: string; embeds: ListEmbed<T>[] };
  const embeds = selection ? (definition.embeds ?? []).filter((embed) => embed.fields.some((field) => selection.has(field))) : [];
  const embedded = embeds.map((embed) => embed.select(selection!));
  // Nodes of a page serve the query's selection only and are never shared, so they can be partial too.
  const columns = [
    definition.columns(selection && fieldNames(selection)),
    ...embedded.map((sql, i) => `${sql} AS "__${embeds[i].name}"`),
  ].join(', ');
  if (selection) {
    if (!byName) selectedByDefinition.set(selection, (byName = new Map()));
    byName.set(definition.name, { columns, embeds: embeds as ListEmbed<unknown>[] });
  }
  return { columns, embeds };
}

/**
 * The arguments as a key: the same for type-graphql's argument objects (class instances) and
 * graphql-js's plain ones (`getArgumentValues`), so a page read ahead by a root is found again.
 */
function listArgsKey(args: object): string {
  return JSON.stringify(args, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined && v !== null)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : value,
  );
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

/**
 * Where a page sits in its list, its cursors encoded only if the query asks for them. A class, not
 * an object literal with getters: each such literal gets a hidden class of its own, which V8 keeps
 * until its next full collection, and with it, through the getters' closures, the page's edges and
 * rows, which every young-generation collection until then copied (see `RequestContext`).
 */
class RowPageInfo<T> implements PageInfo {
  constructor(
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
    private readonly edges: Edge<T>[],
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

/** The rows of one page, turned into edges, and where the page sits in its list. */
interface PageRows<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

declare module '../graphql/context' {
  interface Context {
    /** This request's list pages and counts (src/lists/README.md). */
    lists: ListLoader;
  }
}
