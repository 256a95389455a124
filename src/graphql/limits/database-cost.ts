import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What the database does for a field beyond the rows it returns, in the unit of the cost limit
 * (one unit: one field of one row a page returns). The figures of `analytics` each run one
 * statement that groups every talk of the slice, a count reads every row its filter matches,
 * and search matches every row of four tables by trigram before it ranks them: however few
 * fields such a selection shows, its price is the scan.
 */
export const DATABASE_WORK = {
  /** One analytics figure: an aggregate over the whole slice (GROUP BY, window functions). */
  aggregate: 200,
  /** Search: trigram matches over projects, events, talks and speakers, ranked and counted. */
  search: 100,
  /** A connection's `totalCount`: a count of every row its filter matches, charged once per connection. */
  count: 20,
} as const;

/** The fields priced by DATABASE_WORK, by `Type.field`; any `*Connection.totalCount` is a count. */
export const PRICED_FIELDS: Readonly<Record<string, keyof typeof DATABASE_WORK>> = {
  'Query.search': 'search',
  'Analytics.coverage': 'aggregate',
  'Analytics.topSpeakers': 'aggregate',
  'Analytics.topProjects': 'aggregate',
  'Analytics.projectPairs': 'aggregate',
  'Analytics.eventsPerYear': 'aggregate',
  'Analytics.projectNetwork': 'aggregate',
  'Analytics.dataQuality': 'aggregate',
  'DataQuality.completeness': 'aggregate',
};

/** The calendar years the data's talks span (dated talks only); null when no talk is dated. */
export interface YearSpan {
  first: number;
  last: number;
}

/**
 * How many of each of analytics' periods (`analytics/period.enum.ts`, a folder above this one) a
 * year holds; `test/graphql/limits/periods-allowed.test.ts` fails when a period is missing here.
 */
const PERIODS_PER_YEAR = { MONTH: 12, QUARTER: 4, YEAR: 1 } as const;

/** A period of a time series, by the name of its `Period` value. */
type Period = keyof typeof PERIODS_PER_YEAR;

/**
 * How many periods a time series over [from, to) may hold: the range the arguments allow,
 * narrowed to the years the data spans (a series runs from its first to its last period with a
 * talk). One year of margin on each side: periods are local to each event's time zone.
 */
export function periodsAllowed(period: Period, span: YearSpan | null, from?: Date | null, to?: Date | null): number {
  if (!span) return 1;
  const first = Math.max(span.first - 1, from ? from.getUTCFullYear() : -Infinity);
  const last = Math.min(span.last + 1, to ? to.getUTCFullYear() : Infinity);
  return last < first ? 1 : (last - first + 1) * PERIODS_PER_YEAR[period];
}

/**
 * Prices a field by `base` (what its selection returns) plus DATABASE_WORK where PRICED_FIELDS
 * lists it, a root field plus one count for each `totalCount` asked below it, and multiplies time
 * series by their periods. A series' points (`ProjectCoverage.points`,
 * `DataQuality.completeness`) are one per period over the range of the enclosing
 * `analytics(filter:)`, which the estimator of a point does not see: costing runs depth first
 * and prices a field after everything below it, so each series leaves what one of its periods
 * costs, and `analytics`, priced last, multiplies that by the periods its filter allows. Make one
 * per costing: it keeps what it has seen.
 */
export function databaseCostEstimator(span: YearSpan | null, base: ComplexityEstimator): ComplexityEstimator {
  // Per period costs left by the series below the field being priced, not yet multiplied.
  let points = 0;
  let counts = 0;
  let series: { period: Period; perPeriod: number }[] = [];
  return (options) => {
    const { type, field, args, childComplexity } = options;
    const key = `${type.name}.${field.name}`;
    if (field.name === 'totalCount' && type.name.endsWith('Connection')) {
      counts += DATABASE_WORK.count;
      return 1;
    }
    if (key === 'ProjectCoverage.points') {
      points += childComplexity;
      return 1;
    }
    if (key === 'DataQuality.completeness') {
      series.push({ period: args.period as Period, perPeriod: childComplexity });
      return 1 + DATABASE_WORK.aggregate;
    }
    const selection = base(options) ?? 1 + childComplexity;
    if (key === 'Analytics.coverage') {
      // `first` projects (10 by default), each with its points.
      series.push({ period: args.period as Period, perPeriod: (args.first as number) * points });
      points = 0;
    }
    let cost = selection + (work(key) ?? 0);
    if (key === 'Query.analytics') {
      const { from, to } = (args.filter ?? {}) as { from?: Date | null; to?: Date | null };
      cost += series.reduce((sum, s) => sum + s.perPeriod * periodsAllowed(s.period, span, from, to), 0);
      series = [];
    }
    // A nested connection's counts are batched, one grouped statement for every parent of a
    // page: each `totalCount` of the document is charged once, at its root field, not times the
    // pages above it.
    if (ROOT_TYPES.has(type.name)) {
      cost += counts;
      counts = 0;
    }
    return cost;
  };
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** DATABASE_WORK for a `Type.field` that PRICED_FIELDS lists. */
function work(key: string): number | undefined {
  const kind = PRICED_FIELDS[key];
  return kind && DATABASE_WORK[kind];
}
