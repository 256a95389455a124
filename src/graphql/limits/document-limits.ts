import { type ASTNode, type DocumentNode, type FragmentDefinitionNode, GraphQLError, Kind, type SelectionSetNode } from 'graphql';

/** How large an operation may be, in every dimension that makes validation, costing or execution work grow. */
export interface DocumentLimits {
  /** Deepest field outside introspection; root fields are at depth 0. */
  maxDepth: number;
  /** Deepest field under `__schema` or `__type`. */
  maxIntrospectionDepth: number;
  /** Fields in one operation, a fragment's counted each time it is spread. */
  maxFields: number;
  /** Aliased fields in one operation, counted like fields. */
  maxAliases: number;
  /** Fields with the same response name in one selection set, its inline and spread fragments included. */
  maxRepeats: number;
}

/**
 * Introspection lists nested in one another: GraphiQL, Apollo Sandbox and graphql-codegen ask
 * `types { fields { args } }`, three; each further level multiplies the answer by every type's
 * fields, which no depth limit bounds (`fields { type { fields { type { fields … } } } }`).
 */
export const INTROSPECTION_LIST_NESTING = 3;

const INTROSPECTION_LISTS = new Set(['types', 'directives', 'fields', 'interfaces', 'possibleTypes', 'enumValues', 'inputFields', 'args']);

/** What a selection set asks for once its fragments are expanded. */
interface Shape {
  /** Levels of fields below and including its own, outside introspection (a leaf alone is 1). */
  height: number;
  /** The same for its `__schema` and `__type` fields. */
  introspectionHeight: number;
  /** Lists nested in one another, counting fields named like introspection's lists. */
  lists: number;
  /** The same for its `__schema` and `__type` fields, where those names are introspection's. */
  introspectionLists: number;
  fields: number;
  aliases: number;
  /** Each response name of its own level, with how many fields answer to it. */
  names: Map<string, number>;
}

/** The first limit a document breaks. */
class Refusal extends Error {
  constructor(readonly error: GraphQLError) {
    super(error.message);
  }
}

const refuse = (message: string, node?: ASTNode): never => {
  throw new Refusal(new GraphQLError(message, { nodes: node, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
};

/**
 * Checks a parsed document against `limits` in time linear in its text: each fragment is walked
 * once and its shape remembered, so a spread costs what the fragment's name costs, however many
 * times the fragment spreads others. A fragment that spreads itself or a spread of a fragment the
 * document does not define is refused here too, since expanding either is what would not end.
 * Returns the first problem found, or null.
 */
export function documentLimitError(document: DocumentNode, limits: DocumentLimits): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const shapes = new Map<string, Shape>();
  const expanding: string[] = [];

  const fragmentShape = (name: string, node: ASTNode): Shape => {
    const known = shapes.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return refuse(`Unknown fragment "${name}": the document defines no fragment of that name.`, node);
    if (expanding.includes(name))
      return refuse(
        `Fragment "${name}" spreads itself (${[...expanding.slice(expanding.indexOf(name)), name].join(' → ')}), so it would never end.`,
        node,
      );
    expanding.push(name);
    const shape = shapeOf(fragment.selectionSet);
    expanding.pop();
    shapes.set(name, shape);
    return shape;
  };

  const shapeOf = (selectionSet: SelectionSetNode): Shape => {
    const shape: Shape = { height: 0, introspectionHeight: 0, lists: 0, introspectionLists: 0, fields: 0, aliases: 0, names: new Map() };
    const add = (inner: Shape) => {
      shape.height = Math.max(shape.height, inner.height);
      shape.introspectionHeight = Math.max(shape.introspectionHeight, inner.introspectionHeight);
      shape.lists = Math.max(shape.lists, inner.lists);
      shape.introspectionLists = Math.max(shape.introspectionLists, inner.introspectionLists);
      shape.fields += inner.fields;
      shape.aliases += inner.aliases;
      for (const [name, count] of inner.names) shape.names.set(name, (shape.names.get(name) ?? 0) + count);
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? shapeOf(selection.selectionSet) : null;
        const height = 1 + Math.max(below?.height ?? 0, below?.introspectionHeight ?? 0);
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') {
          shape.introspectionHeight = Math.max(shape.introspectionHeight, height);
          shape.introspectionLists = Math.max(shape.introspectionLists, below?.lists ?? 0);
        } else shape.height = Math.max(shape.height, height);
        shape.lists = Math.max(shape.lists, (INTROSPECTION_LISTS.has(name) ? 1 : 0) + (below?.lists ?? 0));
        shape.fields += 1 + (below?.fields ?? 0);
        shape.aliases += (selection.alias ? 1 : 0) + (below?.aliases ?? 0);
        const responseName = selection.alias?.value ?? name;
        shape.names.set(responseName, (shape.names.get(responseName) ?? 0) + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) add(shapeOf(selection.selectionSet));
      else add(fragmentShape(selection.name.value, selection));
    }
    for (const [name, count] of shape.names) {
      if (count > limits.maxRepeats)
        refuse(
          `The field "${name}" is selected ${count} times in one selection set (a fragment's fields count each time it is spread), more than the limit of ${limits.maxRepeats}: select it once.`,
          selectionSet,
        );
    }
    // Over a limit here is over it in every operation that spreads this: no need to go on counting.
    if (shape.fields > limits.maxFields)
      refuse(
        `The operation selects more than the limit of ${limits.maxFields} fields (a fragment's fields count each time it is spread): ask for fewer.`,
        selectionSet,
      );
    if (shape.aliases > limits.maxAliases)
      refuse(
        `The operation has more than the limit of ${limits.maxAliases} aliased fields (a fragment's count each time it is spread): ask for fewer.`,
        selectionSet,
      );
    return shape;
  };

  try {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const shape = shapeOf(definition.selectionSet);
      const operation = definition.name ? `Operation "${definition.name.value}"` : 'The operation';
      // A root field is at depth 0, as graphql-depth-limit counted, so the limits keep their meaning.
      if (shape.height - 1 > limits.maxDepth)
        refuse(
          `${operation} nests fields ${shape.height - 1} deep and exceeds maximum operation depth of ${limits.maxDepth}: ask for less nesting.`,
          definition,
        );
      if (shape.introspectionHeight - 1 > limits.maxIntrospectionDepth) {
        refuse(
          `${operation} nests introspection fields ${shape.introspectionHeight - 1} deep and exceeds maximum introspection depth of ${limits.maxIntrospectionDepth}.`,
          definition,
        );
      }
      if (shape.introspectionLists > INTROSPECTION_LIST_NESTING) {
        refuse(
          `${operation} nests ${shape.introspectionLists} introspection lists in one another, more than the limit of ${INTROSPECTION_LIST_NESTING} (\`types { fields { args } }\`).`,
          definition,
        );
      }
    }
  } catch (error) {
    if (error instanceof Refusal) return error.error;
    throw error;
  }
  return null;
}
