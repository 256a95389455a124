import { analyticsFilter } from '../filter';
import type { Panel } from '../panel';

interface TopProjects {
  analytics: { topProjects: { rank: number; project: { slug: string; name: string }; talks: number; events: number; speakers: number }[] };
}

/** The projects covered by the most talks. */
export const topProjectsPanel: Panel<TopProjects> = {
  id: 'top-projects',
  title: 'Top projects · 项目',
  note: 'Projects covered by the most talks, and by how many people.',
  query: `query TopProjects($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    topProjects(first: 10) {
      rank
      project { slug name }
      talks
      events
      speakers
    }
  }
}`,
  variables: (filter) => ({ filter: analyticsFilter(filter) }),
  chart: ({ analytics: { topProjects } }) => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: {
      type: 'category',
      data: topProjects.map((p) => p.project.name),
      axisLabel: { interval: 0, rotate: topProjects.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'talks', type: 'bar', data: topProjects.map((p) => p.talks) },
      { name: 'speakers', type: 'bar', data: topProjects.map((p) => p.speakers) },
    ],
  }),
  csv: ({ analytics: { topProjects } }) => [
    ['rank', 'project', 'talks', 'events', 'speakers'],
    ...topProjects.map((p) => [p.rank, p.project.name, p.talks, p.events, p.speakers]),
  ],
};
