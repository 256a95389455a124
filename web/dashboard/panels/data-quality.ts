import { analyticsFilter } from '../filter';
import type { Panel } from '../panel';

interface Quality {
  analytics: {
    dataQuality: Record<(typeof GAPS)[number][0] | 'talks' | 'speakers' | 'events', number> & {
      completeness: { period: string; talks: number; completeTalks: number; share: number | null }[];
    };
  };
}

/** Each gap editors can fill, with what it is counted out of. */
export const GAPS = [
  ['talksWithoutProject', 'talks without a project', 'talks'],
  ['talksWithoutSpeaker', 'talks without a speaker', 'talks'],
  ['talksWithoutSlides', 'talks without slides', 'talks'],
  ['talksWithoutVideo', 'talks without a recording', 'talks'],
  ['speakersKnownOnlyByAlias', 'speakers known only by alias', 'speakers'],
  ['eventsWithoutDate', 'events without a date', 'events'],
  ['eventsWithoutCity', 'in-person events without a city', 'events'],
] as const;

/** What editors still have to fill in, and the share of complete talks per year. */
export const dataQualityPanel: Panel<Quality> = {
  id: 'data-quality',
  title: 'Data quality · 数据完整度',
  wide: true,
  note: 'Records editors still have to complete (bars), and the share of complete talks per year (line, right axis).',
  query: `query DataQuality($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    dataQuality {
      talks talksWithoutProject talksWithoutSpeaker talksWithoutSlides talksWithoutVideo
      speakers speakersKnownOnlyByAlias
      events eventsWithoutDate eventsWithoutCity
      completeness(period: YEAR) { period talks completeTalks share }
    }
  }
}`,
  variables: (filter) => ({ filter: analyticsFilter(filter) }),
  chart: ({ analytics: { dataQuality: q } }) => ({
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    grid: [
      { left: 8, right: '52%', top: 32, bottom: 24, containLabel: true },
      { left: '56%', right: 16, top: 32, bottom: 24, containLabel: true },
    ],
    xAxis: [
      { type: 'value', gridIndex: 0, minInterval: 1 },
      { type: 'category', gridIndex: 1, data: q.completeness.map((p) => p.period) },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, data: GAPS.map(([, label]) => label).reverse(), axisLabel: { width: 200, overflow: 'truncate' } },
      { type: 'value', gridIndex: 1, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: 'missing',
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: GAPS.map(([key]) => q[key]).reverse(),
        label: { show: true, position: 'right' },
      },
      {
        name: 'complete talks',
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        connectNulls: false,
        data: q.completeness.map((p) => (p.share === null ? null : Math.round(p.share * 1000) / 10)),
      },
    ],
  }),
  csv: ({ analytics: { dataQuality: q } }) => [
    ['measure', 'period', 'count', 'out of'],
    ...GAPS.map(([key, label, total]) => [label, '', q[key], q[total]]),
    ...q.completeness.map((p) => ['complete talks', p.period, p.completeTalks, p.talks]),
  ],
};
