/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same dataset on every
 * machine, so benchmark figures from two runs describe the same rows.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Whether an event of probability `p` happened. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * An index in [0, n) drawn so that low indexes are far more likely (a power law): a few
   * projects are covered by many talks and a few speakers give many, as in real communities.
   */
  skewed(n: number, exponent = 1.6): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), exponent)));
  }
}
