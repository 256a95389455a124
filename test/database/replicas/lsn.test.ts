import { describe, expect, it } from 'vitest';
import { parseLsn, UNREACHABLE_LSN } from '../../../src/database/replicas/lsn';

describe('parseLsn', () => {
  it('reads both hexadecimal halves, so positions compare as numbers across the 4 GB boundary', () => {
    expect(parseLsn('0/3000000')).toBe(0x3000000n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn('FFFFFFFF/FFFFFFFF') < UNREACHABLE_LSN).toBe(true);
  });

  it('refuses what is not a position', () => {
    for (const bad of ['', '0', '0/', '/1', '0/1/2', 'G/0', '0/123456789', ' 0/1'])
      expect(() => parseLsn(bad)).toThrow('Not a WAL position');
  });
});
