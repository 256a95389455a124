import { analyticsFilter } from '../filter';
import type { Panel } from '../panel';

interface Tallies {
  analytics: { eventsPerYear: { year: number; value: string | null; events: number }[] };
}

/** Events per year, stacked by format or city. */
export function eventsPerYearPanel(by: 'FORMAT' | 'CITY'): Panel<Tallies> {
  const what = by === 'FORMAT' ? 'format' : 'city';
  const unknown = by === 'FORMAT' ? 'not stated' : 'no city (online or not stated)';
  return {
    id: `events-by-${what}`,
    title: by === 'FORMAT' ? 'Events per year by format · 活动形式' : 'Events per year by city · 城市',
    note: `Events held each year, by ${what}.`,
    query: `query EventsPerYearBy${by === 'FORMAT' ? 'Format' : 'City'}($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    eventsPerYear(by: ${by}) { year value events }
  }
}`,
    variables: (filter) => ({ filter: analyticsFilter(filter) }),
    chart: ({ analytics: { eventsPerYear } }) => {
      const years = [...new Set(eventsPerYear.map((t) => t.year))];
      const values = [...new Set(eventsPerYear.map((t) => t.value))];
      return {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 24, containLabel: true },
        xAxis: { type: 'category', data: years.map(String) },
        yAxis: { type: 'value', minInterval: 1, name: 'events' },
        series: values.map((value) => ({
          name: value ?? unknown,
          type: 'bar',
          stack: 'events',
          data: years.map((year) => eventsPerYear.find((t) => t.year === year && t.value === value)?.events ?? 0),
        })),
      };
    },
    csv: ({ analytics: { eventsPerYear } }) => [
      ['year', what, 'events'],
      ...eventsPerYear.map((t) => [t.year, t.value ?? unknown, t.events]),
    ],
  };
}
