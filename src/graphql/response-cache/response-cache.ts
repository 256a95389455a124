import { LRUCache } from 'lru-cache';

/** The `data` of one successful query response, and the bytes it and its key take. */
interface Entry {
  data: Record<string, unknown>;
  bytes: number;
}

/** What an entry holds besides its key and body: the LRU's slot and the entry object, roughly. */
export const ENTRY_OVERHEAD_BYTES = 128;

/**
 * Responses of anonymous queries, in memory, bounded by the bytes of their keys and JSON bodies
 * (least recently used go first): a key holds the variables' JSON, which can be as large as the
 * body limit, so it counts as much as the answer. Every change of the data starts a new
 * generation and forgets all: a response is stored only if no change happened while it was
 * being computed, and nothing is served or stored while changes cannot be heard (the database
 * listener is down).
 */
export class ResponseCache {
  private generation = 0;
  private listening = false;
  private readonly entries: LRUCache<string, Entry>;
  /** Every `data` ever stored: the response serializer must leave these whole. */
  private readonly stored = new WeakSet<object>();

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry) => entry.bytes });
  }

  /** The generation now; a request notes it when it starts and hands it back to `set`. */
  get current(): number {
    return this.generation;
  }

  /** Bytes stored: keys, bodies and each entry's overhead. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  /** Responses stored. */
  get size(): number {
    return this.entries.size;
  }

  /** The stored data for `key`, unless changes cannot be heard. */
  get(key: string): Record<string, unknown> | undefined {
    return this.listening ? this.entries.get(key)?.data : undefined;
  }

  /** Stores `data` computed in `generation`, if that is still the generation now; returns whether it did. */
  set(key: string, generation: number, data: Record<string, unknown>): boolean {
    if (!this.listening || generation !== this.generation) return false;
    this.entries.set(key, { data, bytes: Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(data)) + ENTRY_OVERHEAD_BYTES });
    if (!this.entries.has(key)) return false;
    this.stored.add(data);
    return true;
  }

  /** Whether `data` was stored here (and may be served again). */
  holds(data: object): boolean {
    return this.stored.has(data);
  }

  /** The data changed: forget everything, and refuse what requests begun before now computed. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Whether changes can be heard now; a change may have gone unheard either way, so all is forgotten. */
  setListening(on: boolean): void {
    this.listening = on;
    this.invalidate();
  }
}
