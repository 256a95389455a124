import { describe, expect, it } from 'vitest';
import { CallerPositions } from '../../../src/database/replicas/caller-positions';

describe('CallerPositions', () => {
  it('asks a caller who never wrote for nothing, and one who wrote for its latest position', () => {
    const positions = new CallerPositions();
    expect(positions.required(['address:a'])).toBe(0n);
    positions.wrote(['address:a', 'key:1'], 10n);
    positions.wrote(['key:1'], 20n);
    positions.wrote(['key:1'], 15n);
    expect(positions.required(['address:a'])).toBe(10n);
    expect(positions.required(['key:1'])).toBe(20n);
    // A request is for its address and its key: it must see the later of their writes.
    expect(positions.required(['address:a', 'key:1'])).toBe(20n);
    expect(positions.required(['address:b'])).toBe(0n);
  });

  it('makes every caller it no longer remembers see the positions of callers it forgot', () => {
    const positions = new CallerPositions(2);
    positions.wrote(['a'], 30n);
    positions.wrote(['b'], 10n);
    positions.wrote(['c'], 20n);
    // `a` was forgotten: nobody can tell whether an unknown caller is `a`, so all must see 30.
    expect(positions.required(['a'])).toBe(30n);
    expect(positions.required(['never-wrote'])).toBe(30n);
    expect(positions.required(['b'])).toBe(10n);
  });
});
