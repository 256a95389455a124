import { format } from 'echarts/core';
import { analyticsFilter } from '../filter';
import type { Panel } from '../panel';

interface Pairs {
  analytics: { projectPairs: { projects: { slug: string; name: string }[]; events: number; talks: number }[] };
}

/** The projects of the pairs, alphabetically: the axes of the matrix. */
export function pairProjects(pairs: Pairs['analytics']['projectPairs']): string[] {
  return [...new Set(pairs.flatMap((p) => p.projects.map((x) => x.name)))].sort((a, b) => a.localeCompare(b));
}

/** Pairs of projects covered at the same event, as a symmetric heat map. */
export const coOccurrencePanel: Panel<Pairs> = {
  id: 'co-occurrence',
  title: 'Projects covered together · 项目共现',
  note: 'Events at which both projects were covered (hover for talks covering both).',
  query: `query ProjectPairs($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    projectPairs(first: 40) {
      projects { slug name }
      events
      talks
    }
  }
}`,
  variables: (filter) => ({ filter: analyticsFilter(filter) }),
  chart: ({ analytics: { projectPairs } }) => {
    const names = pairProjects(projectPairs);
    const cells = projectPairs.flatMap((pair) => {
      const [a, b] = pair.projects.map((p) => names.indexOf(p.name));
      return [
        { value: [a, b, pair.events], talks: pair.talks },
        { value: [b, a, pair.events], talks: pair.talks },
      ];
    });
    return {
      tooltip: {
        // ECharts inserts a formatter's answer as HTML: names are escaped, only the <br> is markup.
        formatter: (p: { data: { value: number[]; talks: number } }) =>
          `${format.encodeHTML(names[p.data.value[0]])} + ${format.encodeHTML(names[p.data.value[1]])}<br>${p.data.value[2]} events, ${p.data.talks} talks`,
      },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: names, axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max: Math.max(1, ...projectPairs.map((p) => p.events)),
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
      },
      series: [{ name: 'events', type: 'heatmap', data: cells, label: { show: true } }],
    };
  },
  csv: ({ analytics: { projectPairs } }) => [
    ['project', 'other project', 'events', 'talks'],
    ...projectPairs.map((p) => [p.projects[0].name, p.projects[1].name, p.events, p.talks]),
  ],
};
