/**
 * The key of a query's response: its document (by Apollo's hash of the text), operation and the
 * values of the variables the operation declares, whatever their key order. Variables it does not
 * declare cannot change the answer, so they are left out rather than refused: GraphiQL sends the
 * one variables object of its editor with whichever operation is run, and left in, they would let
 * one client fill the cache with copies of the same answer under ever new keys.
 */
export function cacheKey(
  queryHash: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  declared: readonly string[],
): string {
  const used: Record<string, unknown> = {};
  if (variables) for (const name of declared) if (Object.hasOwn(variables, name)) used[name] = variables[name];
  return `${queryHash}\n${operationName ?? ''}\n${JSON.stringify(used, sortedKeys)}`;
}

/** A JSON.stringify replacer that writes every object's keys in sorted order. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
