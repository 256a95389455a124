import { analyticsFilter } from '../filter';
import type { Panel } from '../panel';

interface Coverage {
  analytics: {
    coverage: {
      project: { slug: string; name: string };
      talks: number;
      points: { period: string; talks: number; events: number; speakers: number }[];
    }[];
  };
}

/** Talks per project and quarter, one line per project. */
export const coveragePanel: Panel<Coverage> = {
  id: 'coverage',
  title: 'Coverage over time · 项目热度',
  note: 'Talks per project and quarter, the eight most covered projects.',
  query: `query Coverage($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    coverage(period: QUARTER, first: 8) {
      project { slug name }
      talks
      points { period talks events speakers }
    }
  }
}`,
  variables: (filter) => ({ filter: analyticsFilter(filter) }),
  chart: ({ analytics: { coverage } }) => ({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: coverage[0]?.points.map((p) => p.period) ?? [] },
    yAxis: { type: 'value', minInterval: 1 },
    dataZoom: [{ type: 'inside' }],
    series: coverage.map((c) => ({ name: c.project.name, type: 'line', smooth: false, symbolSize: 6, data: c.points.map((p) => p.talks) })),
  }),
  csv: ({ analytics: { coverage } }) => [
    ['project', 'period', 'talks', 'events', 'speakers'],
    ...coverage.flatMap((c) => c.points.map((p) => [c.project.name, p.period, p.talks, p.events, p.speakers])),
  ],
};
