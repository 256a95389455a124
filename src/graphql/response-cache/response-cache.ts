import { LRUCache } from 'lru-cache';

/** The `data` of one successful query response, the bytes it and its key take, and the tables it read (null: any). */
interface Entry {
  data: Record<string, unknown>;
  bytes: number;
  tables: ReadonlySet<string> | null;
}

/** One change the cache heard: its number and the tables written (null: any, or unknown). */
interface Change {
  generation: number;
  tables: ReadonlySet<string> | null;
}

/** What an entry holds besides its key and body: the LRU's slot and the entry object, roughly. */
export const ENTRY_OVERHEAD_BYTES = 128;

/**
 * Changes remembered, so a response computed while one landed can be told apart from one it
 * cannot have read; a request older than all of them stores nothing.
 */
const CHANGES_KEPT = 256;

/**
 * Responses of anonymous queries, in memory, bounded by the bytes of their keys and JSON bodies
 * (least recently used go first): a key holds the variables' JSON, which can be as large as the
 * body limit, so it counts as much as the answer. Each entry carries the tables its statements
 * read; a change forgets the entries that read a table it wrote (a change that cannot say which,
 * all of them), and a response is stored only if no change to a table it read happened while it
 * was being computed. Nothing is served or stored while changes cannot be heard (the database
 * listener is down).
 */
export class ResponseCache {
  private generation = 0;
  private listening = false;
  private readonly entries: LRUCache<string, Entry>;
  /** The latest changes, oldest first; older ones are summed up by `forgottenBefore`. */
  private readonly changes: Change[] = [];
  /** Requests begun before this generation cannot be checked against the changes since. */
  private forgottenBefore = 0;
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

  /**
   * Stores `data` computed since `generation` from `tables` (left out: from anything), if no
   * change to them has happened since; returns whether it did.
   */
  set(key: string, generation: number, data: Record<string, unknown>, tables?: ReadonlySet<string>): boolean {
    if (!this.listening || generation < this.forgottenBefore) return false;
    for (const change of this.changes) if (change.generation > generation && meet(change.tables, tables ?? null)) return false;
    this.entries.set(key, {
      data,
      bytes: Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(data)) + ENTRY_OVERHEAD_BYTES,
      tables: tables ?? null,
    });
    if (!this.entries.has(key)) return false;
    this.stored.add(data);
    return true;
  }

  /** Whether `data` was stored here (and may be served again). */
  holds(data: object): boolean {
    return this.stored.has(data);
  }

  /**
   * The data of `tables` changed (left out: of any table): forget what read them, and refuse
   * what requests begun before now computed from them.
   */
  invalidate(tables?: Iterable<string>): void {
    const changed = tables ? new Set(tables) : null;
    this.generation++;
    this.changes.push({ generation: this.generation, tables: changed });
    if (this.changes.length > CHANGES_KEPT) this.forgottenBefore = this.changes.shift()!.generation;
    if (!changed) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries.entries()) if (meet(changed, entry.tables)) this.entries.delete(key);
  }

  /** Whether changes can be heard now; a change may have gone unheard either way, so all is forgotten. */
  setListening(on: boolean): void {
    this.listening = on;
    this.invalidate();
  }
}

/** Whether two sets of tables (null: all tables) share one. */
function meet(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (!a || !b) return true;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const table of small) if (large.has(table)) return true;
  return false;
}
