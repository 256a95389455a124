import { format } from 'echarts/core';
import { analyticsFilter } from '../filter';
import { day, personLabel, type Panel } from '../panel';

interface TopSpeakers {
  analytics: {
    topSpeakers: {
      rank: number;
      speaker: { name: string; alias: string | null; affiliation: string | null };
      talks: number;
      events: number;
      firstAppearance: string | null;
      lastAppearance: string | null;
      projects: { name: string }[];
    }[];
  };
}

/** The people credited on the most talks. */
export const topSpeakersPanel: Panel<TopSpeakers> = {
  id: 'top-speakers',
  title: 'Top speakers · 讲师',
  note: 'People credited on the most talks, with the projects they spoke about.',
  query: `query TopSpeakers($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    topSpeakers(first: 10) {
      rank
      speaker { name alias affiliation }
      talks
      events
      firstAppearance
      lastAppearance
      projects { name }
    }
  }
}`,
  variables: (filter) => ({ filter: analyticsFilter(filter) }),
  chart: ({ analytics: { topSpeakers } }) => ({
    tooltip: {
      trigger: 'item',
      // ECharts inserts a formatter's answer as HTML: names are escaped, only the <br> is markup.
      formatter: (p: { dataIndex: number }) => {
        const s = topSpeakers[topSpeakers.length - 1 - p.dataIndex];
        return `${format.encodeHTML(personLabel(s.speaker))}: ${s.talks} talks<br>${format.encodeHTML(s.projects.map((x) => x.name).join(', '))}`;
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    // Bars read top-down, most talks first; ECharts draws category axes bottom-up.
    yAxis: { type: 'category', data: topSpeakers.map((s) => personLabel(s.speaker)).reverse() },
    series: [{ name: 'talks', type: 'bar', data: topSpeakers.map((s) => s.talks).reverse(), label: { show: true, position: 'right' } }],
  }),
  csv: ({ analytics: { topSpeakers } }) => [
    ['rank', 'name', 'alias', 'talks', 'events', 'first', 'last', 'projects'],
    ...topSpeakers.map((s) => [
      s.rank,
      s.speaker.name,
      s.speaker.alias,
      s.talks,
      s.events,
      day(s.firstAppearance),
      day(s.lastAppearance),
      s.projects.map((p) => p.name).join('; '),
    ]),
  ],
};
