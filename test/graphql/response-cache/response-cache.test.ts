import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../../src/graphql/response-cache/cache-key';
import { ENTRY_OVERHEAD_BYTES, ResponseCache } from '../../../src/graphql/response-cache/response-cache';

/** A cache that hears changes, as it does once the database listener is up. */
function listeningCache(maxBytes: number): ResponseCache {
  const cache = new ResponseCache(maxBytes);
  cache.setListening(true);
  return cache;
}

/** Data whose JSON body is exactly `bytes` long. */
const body = (bytes: number) => ({ s: 'x'.repeat(bytes - 8) });

/** What an entry under a one-letter key with a body of 100 bytes is counted. */
const ENTRY = 1 + 100 + ENTRY_OVERHEAD_BYTES;

describe('ResponseCache', () => {
  it('evicts the least recently used answers once the stored keys and bodies pass the byte bound', () => {
    const cache = listeningCache(3 * ENTRY);
    expect(cache.set('a', cache.current, body(100))).toBe(true);
    expect(cache.set('b', cache.current, body(100))).toBe(true);
    expect(cache.set('c', cache.current, body(100))).toBe(true);
    expect(cache.bytes).toBe(3 * ENTRY);
    cache.get('a');
    cache.set('d', cache.current, body(100));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(body(100));
    expect(cache.get('c')).toEqual(body(100));
    expect(cache.get('d')).toEqual(body(100));
    expect(cache.bytes).toBe(3 * ENTRY);
    expect(cache.size).toBe(3);
  });

  it('does not store an answer bigger than the whole bound', () => {
    const cache = listeningCache(300);
    expect(cache.set('big', cache.current, body(301))).toBe(false);
    expect(cache.bytes).toBe(0);
  });

  it('counts the key as much as the body: a large key does not fit where its small body would', () => {
    const cache = listeningCache(1000);
    expect(cache.set('k'.repeat(900), cache.current, body(10))).toBe(false);
    expect(cache.set('k', cache.current, body(10))).toBe(true);
    expect(cache.bytes).toBe(1 + 10 + ENTRY_OVERHEAD_BYTES);
  });

  it('forgets everything on a change and refuses answers computed before it', () => {
    const cache = listeningCache(1000);
    const before = cache.current;
    cache.set('a', before, body(10));
    cache.invalidate();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set('b', before, body(10))).toBe(false);
    expect(cache.set('b', cache.current, body(10))).toBe(true);
  });

  it('neither serves nor stores while changes cannot be heard, and starts afresh when they can', () => {
    const cache = listeningCache(1000);
    cache.set('a', cache.current, body(10));
    const started = cache.current;
    cache.setListening(false);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set('a', cache.current, body(10))).toBe(false);
    cache.setListening(true);
    expect(cache.set('a', started, body(10))).toBe(false);
    expect(cache.set('a', cache.current, body(10))).toBe(true);
  });
});

describe('ResponseCache, by the tables an answer read', () => {
  it('forgets on a change only the answers that read a table it wrote', () => {
    const cache = listeningCache(10_000);
    cache.set('talks', cache.current, body(10), new Set(['talk', 'event']));
    cache.set('tallies', cache.current, body(10), new Set(['project_tally']));
    cache.set('anything', cache.current, body(10));
    cache.invalidate(['talk']);
    expect(cache.get('talks')).toBeUndefined();
    expect(cache.get('tallies')).toEqual(body(10));
    // Stored without its tables, an answer may have read any: every change forgets it.
    expect(cache.get('anything')).toBeUndefined();
    cache.invalidate();
    expect(cache.get('tallies')).toBeUndefined();
  });

  it('refuses an answer computed while a table it read changed, and keeps one whose tables did not', () => {
    const cache = listeningCache(10_000);
    const started = cache.current;
    cache.invalidate(['speaker']);
    expect(cache.set('talks', started, body(10), new Set(['talk', 'speaker']))).toBe(false);
    expect(cache.set('tallies', started, body(10), new Set(['project_tally']))).toBe(true);
    expect(cache.set('anything', started, body(10))).toBe(false);
  });

  it('refuses an answer begun before the changes it still remembers', () => {
    const cache = listeningCache(10_000);
    const started = cache.current;
    for (let i = 0; i < 300; i++) cache.invalidate([`table_${i}`]);
    expect(cache.set('old', started, body(10), new Set(['project_tally']))).toBe(false);
    expect(cache.set('new', cache.current, body(10), new Set(['project_tally']))).toBe(true);
  });
});

describe('cacheKey', () => {
  it('is the same for the same variables in another key order, nested too', () => {
    expect(cacheKey('h', 'Q', { a: 1, b: { c: [1, { d: 2, e: 3 }], f: null } }, ['a', 'b'])).toBe(
      cacheKey('h', 'Q', { b: { f: null, c: [1, { e: 3, d: 2 }] }, a: 1 }, ['b', 'a']),
    );
  });

  it('differs by document, operation name and variable values', () => {
    const key = cacheKey('h', 'Q', { a: 1 }, ['a']);
    expect(cacheKey('g', 'Q', { a: 1 }, ['a'])).not.toBe(key);
    expect(cacheKey('h', 'P', { a: 1 }, ['a'])).not.toBe(key);
    expect(cacheKey('h', 'Q', { a: 2 }, ['a'])).not.toBe(key);
    expect(cacheKey('h', 'Q', { a: '1' }, ['a'])).not.toBe(key);
  });

  it('leaves out the variables the operation does not declare', () => {
    expect(cacheKey('h', 'Q', { a: 1, junk: 'x'.repeat(1000) }, ['a'])).toBe(cacheKey('h', 'Q', { a: 1 }, ['a']));
    expect(cacheKey('h', 'Q', { junk: 1 }, [])).toBe(cacheKey('h', 'Q', undefined, []));
  });
});
