import { registerEnumType } from 'type-graphql';

/** A calendar period figures are counted per. */
export enum Period {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

registerEnumType(Period, {
  name: 'Period',
  description: 'A calendar period figures are counted per, in the local time of each event.',
  valuesConfig: {
    MONTH: { description: 'Calendar month, labelled `2024-04`.' },
    QUARTER: { description: 'Calendar quarter, labelled `2024-Q2`.' },
    YEAR: { description: 'Calendar year, labelled `2024`.' },
  },
});

/** Per period: the `date_trunc` unit, the step between periods and the `to_char` label format. */
export const periodSql: Record<Period, { unit: string; step: string; label: string }> = {
  MONTH: { unit: 'month', step: '1 month', label: 'YYYY-MM' },
  QUARTER: { unit: 'quarter', step: '3 months', label: 'YYYY-"Q"Q' },
  YEAR: { unit: 'year', step: '1 year', label: 'YYYY' },
};

/**
 * SQL for a gap-free run of periods: every period from the least `first` to the greatest `last`
 * value in `source`, as rows `(period timestamp, label text, start text)`.
 */
export function periodSeries(period: Period, source: string, first: string, last = first): string {
  const { step, label } = periodSql[period];
  return `SELECT g AS period, to_char(g, '${label}') AS label, to_char(g, 'YYYY-MM-DD') AS start
    FROM (SELECT min(${first}) AS lo, max(${last}) AS hi FROM ${source}) r,
    generate_series(r.lo, r.hi, interval '${step}') g`;
}

/** SQL for the period a time falls in, in the local calendar of `timeZone`. */
export function periodOf(period: Period, at: string, timeZone: string): string {
  return `date_trunc('${periodSql[period].unit}', ${at} AT TIME ZONE ${timeZone})`;
}
