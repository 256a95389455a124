/**
 * Deepest nesting of arrays and objects a request's `variables` (or any other member of its
 * body) may hold, the variables object itself at level 1. No argument of the schema takes values
 * nested more than a few levels; the bound is far above them and far below what a recursive
 * walk (JSON.stringify of the variables for the cost and response-cache keys, graphql-js's input
 * coercion) can take before it exhausts the stack: about 8,000 levels, which 16 kB of `[` reach.
 */
export const MAX_JSON_NESTING = 32;

/** Whether `value` nests arrays and objects more than `max` levels deep (a scalar is level 0); walked without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
