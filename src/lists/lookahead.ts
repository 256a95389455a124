import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  type GraphQLResolveInfo,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';

/** The fields a query selects below a field, by name, each with the fields it selects in turn. */
export type Selection = Map<string, Selection>;

type Fragments = Record<string, FragmentDefinitionNode>;

/** Calls `into` for every field of a selection set, looking through fragments. */
function eachField(selectionSet: SelectionSetNode | undefined, fragments: Fragments, into: (field: FieldNode) => void): void {
  for (const node of selectionSet?.selections ?? []) {
    if (node.kind === 'Field') into(node);
    else if (node.kind === 'InlineFragment') eachField(node.selectionSet, fragments, into);
    else eachField(fragments[node.name.value]?.selectionSet, fragments, into);
  }
}

/** What `fieldNodes`, nodes of one connection field, select on its nodes. */
function connectionNodeSelection(fieldNodes: readonly FieldNode[], fragments: Fragments): Selection {
  const selection: Selection = new Map();
  const merge = (field: FieldNode, into: Selection) =>
    eachField(field.selectionSet, fragments, (child) => {
      let below = into.get(child.name.value);
      if (!below) into.set(child.name.value, (below = new Map()));
      merge(child, below);
    });
  for (const connection of fieldNodes) {
    eachField(connection.selectionSet, fragments, (field) => {
      if (field.name.value === 'nodes') merge(field, selection);
      else if (field.name.value === 'edges')
        eachField(field.selectionSet, fragments, (edgeField) => edgeField.name.value === 'node' && merge(edgeField, selection));
    });
  }
  return selection;
}

/**
 * What a query selects on the nodes of the connection being resolved, through `nodes { … }` or
 * `edges { node { … } }`, with fragments and aliases merged. A list loader reads it to fetch,
 * in the page's own statement, the related rows and the columns those fields need.
 */
export function nodeSelection(info: GraphQLResolveInfo): Selection {
  const cached = nodeSelections.get(info.fieldNodes[0]);
  if (cached && sameNodes(cached.fieldNodes, info.fieldNodes)) return cached.selection;
  const selection = connectionNodeSelection(info.fieldNodes, info.fragments);
  nodeSelections.set(info.fieldNodes[0], { fieldNodes: info.fieldNodes, selection });
  return selection;
}

/**
 * What was read from a field's nodes, by its first node. Apollo keeps each parsed document and
 * graphql-jit its compiled operation, so the same query sent again brings the same AST nodes,
 * and what they select is read once, not on every request. Selections are never changed after
 * they are made, so sharing them is safe; entries go with their document.
 */
const nodeSelections = new WeakMap<FieldNode, { fieldNodes: readonly FieldNode[]; selection: Selection }>();
const nestedLists = new WeakMap<
  FieldNode,
  Map<string, { fieldNodes: readonly FieldNode[]; fields: FieldNode[] | null; selection: Selection; readsRows: boolean }>
>();

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

/** A connection field the query selects below the field being resolved, with its arguments and what it selects on its nodes. */
export interface NestedList {
  args: Record<string, unknown>;
  selection: Selection;
  /** Whether it selects its rows (`nodes`, `edges` or `pageInfo`), not only `totalCount`. */
  readsRows: boolean;
}

/**
 * The connection field `name` of the object being resolved, as the query selects it, so that a
 * root lookup can read that list's first page in its own statement. Null when the query does
 * not select it, or selects it under a directive (`@include`, `@skip`) or more than once with
 * different arguments: those take the ordinary path.
 */
export function nestedList(info: GraphQLResolveInfo, name: string): NestedList | null {
  const type = getNamedType(info.returnType);
  const definition = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!definition) return null;
  let byName = nestedLists.get(info.fieldNodes[0]);
  if (!byName) nestedLists.set(info.fieldNodes[0], (byName = new Map()));
  let found = byName.get(name);
  if (!found || !sameNodes(found.fieldNodes, info.fieldNodes)) {
    const fields: FieldNode[] = [];
    for (const node of info.fieldNodes)
      eachField(node.selectionSet, info.fragments, (field) => field.name.value === name && fields.push(field));
    let readsRows = false;
    for (const field of fields)
      eachField(
        field.selectionSet,
        info.fragments,
        (child) => (readsRows ||= child.name.value !== 'totalCount' && child.name.value !== '__typename'),
      );
    const usable = fields.length > 0 && !fields.some((field) => field.directives?.length);
    found = {
      fieldNodes: info.fieldNodes,
      fields: usable ? fields : null,
      selection: usable ? connectionNodeSelection(fields, info.fragments) : new Map(),
      readsRows,
    };
    byName.set(name, found);
  }
  const { fields, selection, readsRows } = found;
  if (!fields) return null;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, fields[0], info.variableValues);
    if (fields.length > 1) {
      const text = JSON.stringify(args);
      if (fields.some((field) => JSON.stringify(getArgumentValues(definition, field, info.variableValues)) !== text)) return null;
    }
  } catch {
    // The field's own resolver reports bad arguments where they belong.
    return null;
  }
  return { args, selection, readsRows };
}

/** The names of the fields selected in any of `selections`, sorted and without repeats (a stable key for column lists). */
export function fieldNames(...selections: (Selection | undefined)[]): string[] {
  return [...new Set(selections.flatMap((s) => (s ? [...s.keys()] : [])))].sort();
}
