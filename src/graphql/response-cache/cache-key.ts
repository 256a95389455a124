/** The key of a query's response: its document (by Apollo's hash of the text), operation and variables, whatever their key order. */
export function cacheKey(queryHash: string, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  return `${queryHash}\n${operationName ?? ''}\n${variables ? JSON.stringify(variables, sortedKeys) : '{}'}`;
}

/** A JSON.stringify replacer that writes every object's keys in sorted order. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
