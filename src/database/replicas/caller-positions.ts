import { LRUCache } from 'lru-cache';
import type { Lsn } from './lsn';

/** Callers remembered by name; past it the least recent are forgotten (see `floor`). */
const MAX_CALLERS = 100_000;

/**
 * The primary's log position after each caller's last write, so that the caller's reads go only
 * to a replica that has replayed it. Bounded: a forgotten caller's position is not lost but
 * raises a floor that every caller not remembered must see, which errs towards the primary.
 */
export class CallerPositions {
  private floor: Lsn = 0n;
  private readonly positions: LRUCache<string, Lsn>;

  constructor(maxCallers = MAX_CALLERS) {
    this.positions = new LRUCache<string, Lsn>({
      max: maxCallers,
      dispose: (position, _caller, reason) => {
        if (reason === 'evict' && position > this.floor) this.floor = position;
      },
    });
  }

  /** The position every read of these callers must see. */
  required(callers: readonly string[]): Lsn {
    let required = 0n;
    for (const caller of callers) {
      const position = this.positions.get(caller) ?? this.floor;
      if (position > required) required = position;
    }
    return required;
  }

  /** The callers wrote; what they read from now on must include `position`. */
  wrote(callers: readonly string[], position: Lsn): void {
    for (const caller of callers) {
      const known = this.positions.get(caller);
      if (known === undefined || position > known) this.positions.set(caller, position);
    }
  }
}
