import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAnalyticsFacts } from '../fixtures/analytics-facts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ datasets: {} });
  await writeAnalyticsFacts(server.db);
});
afterAll(() => server?.close());

const analytics = async (selection: string, filter: Record<string, unknown> = {}) =>
  (await server.data(`query($filter: AnalyticsFilter) { analytics(filter: $filter) { ${selection} } }`, { filter })).analytics;

const slugs = (projects: { slug: string }[]) => projects.map((p) => p.slug);

describe('analytics.coverage', () => {
  it('counts talks, events and speakers per project and local calendar year, with empty years as zeros', async () => {
    const { coverage } = await analytics(`coverage(period: YEAR) { project { slug } talks points { period start talks events speakers } }`);
    expect(coverage.map((c: any) => [c.project.slug, c.talks])).toEqual([
      ['alpha', 4],
      ['beta', 3],
      ['gamma', 2],
    ]);
    const [alpha, beta, gamma] = coverage;
    // The undated talk has no year; the talk at 00:30 on 1 January 2025 in Shanghai falls in 2025.
    expect(alpha.points).toEqual([
      { period: '2023', start: '2023-01-01', talks: 2, events: 1, speakers: 2 },
      { period: '2024', start: '2024-01-01', talks: 1, events: 1, speakers: 0 },
      { period: '2025', start: '2025-01-01', talks: 1, events: 1, speakers: 1 },
    ]);
    expect(beta.points.map((p: any) => [p.period, p.talks, p.events, p.speakers])).toEqual([
      ['2023', 2, 2, 2],
      ['2024', 1, 1, 1],
      ['2025', 0, 0, 0],
    ]);
    expect(gamma.points.map((p: any) => [p.period, p.talks])).toEqual([
      ['2023', 0],
      ['2024', 1],
      ['2025', 1],
    ]);
  });

  it('has every quarter between the first and the last, so a chart has no gaps', async () => {
    const { coverage } = await analytics(`coverage(period: QUARTER, first: 1) { project { slug } points { period talks } }`);
    expect(coverage).toHaveLength(1);
    expect(coverage[0].points.map((p: any) => p.period)).toEqual([
      '2023-Q1',
      '2023-Q2',
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
    ]);
    expect(coverage[0].points.map((p: any) => p.talks)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 1]);
  });

  it('labels months', async () => {
    const { coverage } = await analytics(`coverage(period: MONTH, first: 1) { points { period start } }`);
    expect(coverage[0].points[0]).toEqual({ period: '2023-03', start: '2023-03-01' });
    expect(coverage[0].points).toHaveLength(23);
  });

  it('shows only the projects the filter names, by any alias, even one never covered', async () => {
    const { coverage } = await analytics(`coverage(period: YEAR) { project { slug } talks points { talks } }`, {
      projects: ['Alpha Old', 'delta'],
    });
    expect(coverage.map((c: any) => [c.project.slug, c.talks])).toEqual([
      ['alpha', 4],
      ['delta', 0],
    ]);
    expect(coverage[1].points).toEqual([{ talks: 0 }, { talks: 0 }, { talks: 0 }]);
  });

  it('follows the date range and the city', async () => {
    const byDate = await analytics(`coverage(period: YEAR) { project { slug } points { period talks } }`, { from: '2024-01-01T00:00:00Z' });
    expect(byDate.coverage.map((c: any) => [c.project.slug, c.points.map((p: any) => `${p.period}:${p.talks}`)])).toEqual([
      ['alpha', ['2024:1', '2025:1']],
      ['gamma', ['2024:1', '2025:1']],
      ['beta', ['2024:1', '2025:0']],
    ]);
    const byCity = await analytics(`coverage(period: YEAR) { project { slug } talks }`, { cities: ['杭州'] });
    expect(byCity.coverage.map((c: any) => [c.project.slug, c.talks])).toEqual([
      ['alpha', 2],
      ['beta', 1],
    ]);
  });

  it('is empty when nothing matches', async () => {
    expect((await analytics(`coverage { talks }`, { cities: ['Nowhere'] })).coverage).toEqual([]);
  });
});

describe('analytics.topSpeakers', () => {
  it('ranks people by talks, ties sharing a rank, with their projects and first and last appearance', async () => {
    const { topSpeakers } = await analytics(
      `topSpeakers { rank speaker { name } talks events firstAppearance lastAppearance projects { slug } }`,
    );
    expect(topSpeakers).toEqual([
      {
        rank: 1,
        speaker: { name: 'Ann' },
        talks: 3,
        events: 2,
        firstAppearance: '2023-03-10T06:00:00.000Z',
        lastAppearance: '2024-06-20T01:00:00.000Z',
        projects: [{ slug: 'alpha' }, { slug: 'beta' }, { slug: 'gamma' }],
      },
      {
        rank: 1,
        speaker: { name: 'Bob' },
        talks: 3,
        events: 3,
        firstAppearance: '2023-03-10T06:00:00.000Z',
        lastAppearance: '2023-11-05T02:00:00.000Z',
        projects: [{ slug: 'alpha' }, { slug: 'beta' }],
      },
      {
        rank: 3,
        speaker: { name: 'Dan' },
        talks: 2,
        events: 2,
        firstAppearance: '2024-06-20T01:00:00.000Z',
        lastAppearance: '2024-12-31T16:30:00.000Z',
        projects: [{ slug: 'alpha' }, { slug: 'beta' }, { slug: 'gamma' }],
      },
      {
        rank: 4,
        speaker: { name: '小猫' },
        talks: 1,
        events: 1,
        firstAppearance: '2023-11-05T02:00:00.000Z',
        lastAppearance: '2023-11-05T02:00:00.000Z',
        projects: [],
      },
    ]);
  });

  it('counts only talks about the filtered projects', async () => {
    const { topSpeakers } = await analytics(`topSpeakers(first: 2) { speaker { name } talks }`, { projects: ['beta'] });
    expect(topSpeakers).toEqual([
      { speaker: { name: 'Bob' }, talks: 2 },
      { speaker: { name: 'Dan' }, talks: 1 },
    ]);
  });
});

describe('analytics.topProjects', () => {
  it('ranks projects by talks with their events, speakers and first and last coverage', async () => {
    const { topProjects } = await analytics(`topProjects { rank project { slug } talks events speakers firstCovered lastCovered }`);
    expect(topProjects).toEqual([
      {
        rank: 1,
        project: { slug: 'alpha' },
        talks: 5,
        events: 4,
        speakers: 3,
        firstCovered: '2023-03-10T06:00:00.000Z',
        lastCovered: '2024-12-31T16:30:00.000Z',
      },
      {
        rank: 2,
        project: { slug: 'beta' },
        talks: 3,
        events: 3,
        speakers: 3,
        firstCovered: '2023-03-10T06:00:00.000Z',
        lastCovered: '2024-06-20T01:00:00.000Z',
      },
      {
        rank: 3,
        project: { slug: 'gamma' },
        talks: 2,
        events: 2,
        speakers: 2,
        firstCovered: '2024-06-20T01:00:00.000Z',
        lastCovered: '2024-12-31T16:30:00.000Z',
      },
    ]);
  });

  it('follows format and series filters', async () => {
    const online = await analytics(`topProjects { project { slug } talks }`, { formats: ['ONLINE'] });
    expect(online.topProjects).toEqual([{ project: { slug: 'beta' }, talks: 1 }]);
    const meetups = await analytics(`topProjects { project { slug } talks }`, { series: ['meetup'] });
    expect(meetups.topProjects).toEqual([
      { project: { slug: 'alpha' }, talks: 4 },
      { project: { slug: 'beta' }, talks: 2 },
      { project: { slug: 'gamma' }, talks: 2 },
    ]);
  });
});

describe('analytics.projectPairs', () => {
  it('counts pairs covered at the same event and in the same talk', async () => {
    const { projectPairs } = await analytics(`projectPairs { projects { slug } events talks }`);
    expect(projectPairs.map((p: any) => [slugs(p.projects).join('+'), p.events, p.talks])).toEqual([
      ['alpha+beta', 2, 1],
      ['alpha+gamma', 2, 1],
      ['beta+gamma', 1, 0],
    ]);
  });

  it('keeps the pairs that include a filtered project', async () => {
    const { projectPairs } = await analytics(`projectPairs { projects { slug } events }`, { projects: ['gamma'] });
    expect(projectPairs.map((p: any) => slugs(p.projects).join('+'))).toEqual(['alpha+gamma', 'beta+gamma']);
  });
});

describe('analytics.eventsPerYear', () => {
  it('counts events per year and format, every format in every year', async () => {
    const { eventsPerYear } = await analytics(`eventsPerYear(by: FORMAT) { year value events }`);
    expect(eventsPerYear).toEqual([
      { year: 2023, value: 'OFFLINE', events: 1 },
      { year: 2023, value: 'ONLINE', events: 1 },
      { year: 2024, value: 'OFFLINE', events: 1 },
      { year: 2024, value: 'ONLINE', events: 0 },
      { year: 2025, value: 'OFFLINE', events: 1 },
      { year: 2025, value: 'ONLINE', events: 0 },
    ]);
  });

  it('counts per city and series, with null for events that do not say', async () => {
    const cities = (await analytics(`eventsPerYear(by: CITY) { year value events }`)).eventsPerYear;
    expect(cities.filter((t: any) => t.events > 0)).toEqual([
      { year: 2023, value: '杭州', events: 1 },
      { year: 2023, value: null, events: 1 },
      { year: 2024, value: '上海', events: 1 },
      { year: 2025, value: '上海', events: 1 },
    ]);
    expect(cities).toHaveLength(9);
    const series = (await analytics(`eventsPerYear(by: SERIES) { year value events }`, { projects: ['beta'] })).eventsPerYear;
    expect(series.filter((t: any) => t.events > 0)).toEqual([
      // Within a year, the values with the most events overall come first.
      { year: 2023, value: 'Meetup', events: 1 },
      { year: 2023, value: 'Channel', events: 1 },
      { year: 2024, value: 'Meetup', events: 1 },
    ]);
  });
});

describe('analytics.projectNetwork', () => {
  it("lists a project's speakers and the other projects they spoke about", async () => {
    const { projectNetwork } = await analytics(
      `projectNetwork(project: "alpha old") { project { slug } speakers { speaker { name } talks otherProjects { project { slug } talks } } }`,
    );
    expect(projectNetwork.project.slug).toBe('alpha');
    expect(projectNetwork.speakers).toEqual([
      {
        speaker: { name: 'Ann' },
        talks: 2,
        otherProjects: [
          { project: { slug: 'beta' }, talks: 1 },
          { project: { slug: 'gamma' }, talks: 1 },
        ],
      },
      { speaker: { name: 'Bob' }, talks: 2, otherProjects: [{ project: { slug: 'beta' }, talks: 2 }] },
      {
        speaker: { name: 'Dan' },
        talks: 1,
        otherProjects: [
          { project: { slug: 'beta' }, talks: 1 },
          { project: { slug: 'gamma' }, talks: 1 },
        ],
      },
    ]);
  });

  it('follows the date range and is null for an unknown project', async () => {
    const later = await analytics(`projectNetwork(project: "alpha") { speakers { speaker { name } talks } }`, {
      from: '2024-01-01T00:00:00Z',
    });
    expect(later.projectNetwork.speakers).toEqual([{ speaker: { name: 'Dan' }, talks: 1 }]);
    expect((await analytics(`projectNetwork(project: "no-such") { project { slug } }`)).projectNetwork).toBeNull();
  });
});

describe('analytics.dataQuality', () => {
  it('counts what editors still have to fill in', async () => {
    const { dataQuality } = await analytics(`dataQuality {
      talks talksWithoutProject talksWithoutSlides talksWithoutVideo talksWithoutSpeaker
      speakers speakersKnownOnlyByAlias events eventsWithoutDate eventsWithoutCity }`);
    expect(dataQuality).toEqual({
      talks: 9,
      talksWithoutProject: 1,
      talksWithoutSlides: 3,
      talksWithoutVideo: 3,
      talksWithoutSpeaker: 1,
      speakers: 4,
      speakersKnownOnlyByAlias: 1,
      events: 5,
      eventsWithoutDate: 1,
      // The online event needs no city; the undated hybrid one does.
      eventsWithoutCity: 1,
    });
  });

  it('gives the share of complete talks per year', async () => {
    const { dataQuality } = await analytics(`dataQuality { completeness { period talks completeTalks share } }`);
    expect(dataQuality.completeness).toEqual([
      { period: '2023', talks: 4, completeTalks: 1, share: 0.25 },
      { period: '2024', talks: 3, completeTalks: 2, share: 0.6667 },
      { period: '2025', talks: 1, completeTalks: 1, share: 1 },
    ]);
  });

  it('has periods without talks, with a null share', async () => {
    const { dataQuality } = await analytics(`dataQuality { completeness(period: QUARTER) { period talks share } }`);
    expect(dataQuality.completeness[1]).toEqual({ period: '2023-Q2', talks: 0, share: null });
  });
});

describe('analytics bounds', () => {
  it('answers a whole dashboard in one statement per figure, however many rows', async () => {
    const response = await server.gql(
      `query($filter: AnalyticsFilter) { analytics(filter: $filter) {
      coverage(period: MONTH) { project { slug name aliases } points { talks } }
      topSpeakers(first: 100) { speaker { name } projects { slug name } }
      topProjects { project { slug } }
      projectPairs { projects { slug } }
      formats: eventsPerYear(by: FORMAT) { year }
      cities: eventsPerYear(by: CITY) { year }
      projectNetwork(project: "alpha") { speakers { otherProjects { project { slug } } } }
      dataQuality { talks completeness { share } }
    } }`,
      { filter: { from: '2020-01-01T00:00:00Z' } },
    );
    expect(response.errors).toBeUndefined();
    // 9 figures, projectByName, one batch of aliases, and at most one batch of projects by id
    // for each of the three figures that refer to projects (batches that land in one tick merge).
    expect(response.extensions?.sqlStatements).toBeGreaterThanOrEqual(12);
    expect(response.extensions?.sqlStatements).toBeLessThanOrEqual(14);
  });

  it('rejects a backwards date range and an out-of-range first, saying what to fix', async () => {
    const backwards = await server.gql(
      `{ analytics(filter: { from: "2024-01-01T00:00:00Z", to: "2023-01-01T00:00:00Z" }) { topProjects { talks } } }`,
    );
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(backwards.errors?.[0].message).toMatch(/`filter.from` .* must be before `filter.to`/);
    const tooMany = await server.gql(`{ analytics { topSpeakers(first: 500) { talks } } }`);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0].message).toBe('`first` must be between 1 and 100, not 500.');
  });
});
