/**
 * Canonical form of an answer, so three servers with three schemas can be checked equal:
 * eventgraph's opaque IDs decode to `Type:key` (PostGraphile answers are mapped to the same
 * form by their scenario), times become ISO instants in UTC, floats are rounded to 6 places.
 */
export function canonical(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, k)]));
  }
  if (typeof value === 'string' && key === 'id' && !/^[A-Z][A-Za-z]*:\d+$/.test(value)) {
    return Buffer.from(value, 'base64url').toString();
  }
  if (typeof value === 'string' && key && /At$/.test(key)) return new Date(value).toISOString();
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.round(value * 1e6) / 1e6;
  return value;
}

/** Global ID of PostGraphile row `row` of `type` in canonical form (`Talk:42`). */
export function typedId<T extends { id: number }>(type: string, row: T): Omit<T, 'id'> & { id: string } {
  return { ...row, id: `${type}:${row.id}` };
}

/** The first difference between two canonical answers, as a path and both values; null when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
