import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The fields a query selects on the nodes of the connection being resolved, whether through
 * `nodes { … }` or `edges { node { … } }`, through fragments or not. A list loader reads it to
 * fetch, in the page's own statement, the related rows those fields will need.
 */
export function nodeFields(info: GraphQLResolveInfo): Set<string> {
  const fields = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, into: (field: FieldNode) => void) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') into(selection);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet, into);
      else visit(info.fragments[selection.name.value]?.selectionSet, into);
    }
  };
  const addNodeFields = (node: FieldNode) => visit(node.selectionSet, (field) => fields.add(field.name.value));
  for (const connection of info.fieldNodes) {
    visit(connection.selectionSet, (field) => {
      if (field.name.value === 'nodes') addNodeFields(field);
      else if (field.name.value === 'edges') visit(field.selectionSet, (edgeField) => edgeField.name.value === 'node' && addNodeFields(edgeField));
    });
  }
  return fields;
}
