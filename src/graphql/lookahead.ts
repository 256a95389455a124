import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** The fields a query selects below a field, by name, each with the fields it selects in turn. */
export type Selection = Map<string, Selection>;

/**
 * What a query selects on the nodes of the connection being resolved, through `nodes { … }` or
 * `edges { node { … } }`, with fragments and aliases merged. A list loader reads it to fetch,
 * in the page's own statement, the related rows and the columns those fields need.
 */
export function nodeSelection(info: GraphQLResolveInfo): Selection {
  const selection: Selection = new Map();
  const visit = (selectionSet: SelectionSetNode | undefined, into: (field: FieldNode) => void) => {
    for (const node of selectionSet?.selections ?? []) {
      if (node.kind === 'Field') into(node);
      else if (node.kind === 'InlineFragment') visit(node.selectionSet, into);
      else visit(info.fragments[node.name.value]?.selectionSet, into);
    }
  };
  const merge = (field: FieldNode, into: Selection) =>
    visit(field.selectionSet, (child) => {
      let below = into.get(child.name.value);
      if (!below) into.set(child.name.value, (below = new Map()));
      merge(child, below);
    });
  for (const connection of info.fieldNodes) {
    visit(connection.selectionSet, (field) => {
      if (field.name.value === 'nodes') merge(field, selection);
      else if (field.name.value === 'edges') visit(field.selectionSet, (edgeField) => edgeField.name.value === 'node' && merge(edgeField, selection));
    });
  }
  return selection;
}

/** The names of the fields selected in any of `selections`, sorted and without repeats (a stable key for column lists). */
export function fieldNames(...selections: (Selection | undefined)[]): string[] {
  return [...new Set(selections.flatMap((s) => (s ? [...s.keys()] : [])))].sort();
}
