import type { GraphQLResolveInfo } from 'graphql';
import type { OrderDirection } from '../graphql/order-direction.enum';
import type { ListDefinition } from './list-definition';
import type { ListLoader, RootLookup } from './list-loader';
import { nestedList } from './lookahead';

/**
 * A list under a parent, as its owner declares it: `Project.talks` is `talkList` in its newest-first
 * order narrowed by the `project` relation. The concept that owns the list (talks/ for every
 * `talks` field) declares it beside its field resolver; a parent's root lookup finds it here, so
 * `project(slug:) { talks { … } }` reads the project and its first page in one statement without
 * projects/ importing anything from talks/.
 */
export interface NestedPage {
  list: ListDefinition<unknown, never, string>;
  order: { field: string; direction: OrderDirection };
  relation: string;
}

const declared = new Map<object, Map<string, NestedPage>>();

/** Declares that `field` of `parent` (an object type's class) is `page`; its owner calls this once, at load. */
export function declareNestedPage<T, F, O extends string>(
  parent: object,
  field: string,
  page: { list: ListDefinition<T, F, O>; order: { field: O; direction: OrderDirection }; relation: string },
): void {
  let fields = declared.get(parent);
  if (!fields) declared.set(parent, (fields = new Map()));
  fields.set(field, page as unknown as NestedPage);
}

/**
 * Looks up a root by `key` with the first page of the first declared list of `parent` that the
 * query selects rows of, in one statement (`ListLoader.rootWithPage`); null when none is selected
 * or the page's arguments would not make a page, and the caller then looks the root up alone.
 */
export function rootWithNestedPage<R>(
  lists: ListLoader,
  root: RootLookup<R>,
  key: string,
  parent: object,
  info: GraphQLResolveInfo,
): Promise<R | null> | null {
  for (const [field, page] of declared.get(parent) ?? []) {
    const nested = nestedList(info, field);
    if (!nested?.readsRows) continue;
    const found = lists.rootWithPage(root, key, page.list, nested.args as never, page.order, page.relation, nested.selection);
    if (found) return found;
  }
  return null;
}
