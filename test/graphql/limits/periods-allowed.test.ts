import { describe, expect, it } from 'vitest';
import { Period } from '../../../src/analytics/period.enum';
import { periodsAllowed } from '../../../src/graphql/limits/database-cost';

describe('periodsAllowed', () => {
  it('counts every period analytics offers, over the years the data spans and one on each side', () => {
    const span = { first: 2020, last: 2020 };
    const counts = Object.fromEntries(Object.values(Period).map((period) => [period, periodsAllowed(period, span)]));
    expect(counts).toEqual({ MONTH: 36, QUARTER: 12, YEAR: 3 });
  });

  it('narrows the count to the range the filter allows', () => {
    expect(periodsAllowed(Period.QUARTER, { first: 2010, last: 2030 }, new Date('2020-01-01'), new Date('2021-06-01'))).toBe(8);
  });
});
