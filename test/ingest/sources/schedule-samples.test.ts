import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPages, type RunReport } from '../../../src/ingest/import-pages';
import { pageSources } from '../../../src/ingest/page-sources';
import { writeFacts } from '../../../src/ingest/write-facts';
import { CORPUS_MISSING, corpusPath, hasCorpus } from '../../helpers/corpus';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { frabTruth, scheduleJsonTruth, sessionizeTruth, type ScheduleTruth } from './schedule-truth';

if (!hasCorpus) console.warn(CORPUS_MISSING);

const SAMPLES: { file: string; reader: string; slug: string; truth: (path: string) => ScheduleTruth }[] = [
  { file: 'schedules/fosdem/2018.xml', reader: 'frab/pentabarf XML', slug: 'fosdem-2018', truth: frabTruth },
  { file: 'schedules/fosdem/2022.xml', reader: 'frab/pentabarf XML', slug: 'fosdem-2022', truth: frabTruth },
  { file: 'schedules/c3voc/pretalx-democon.json', reader: 'C3VOC schedule.json', slug: 'democon', truth: scheduleJsonTruth },
  { file: 'schedules/c3voc/hub-schedule2.json', reader: 'C3VOC schedule.json', slug: '38c3', truth: scheduleJsonTruth },
  { file: 'schedules/sessionize/All.json', reader: 'Sessionize', slug: 'sessionize', truth: sessionizeTruth },
];

const TALKS = `query ($slug: String!, $after: String) {
  event(slug: $slug) { title talks(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title speakers { name } } } }
}`;

/** Every talk of an event as the graph has it, in the truth's shape. */
async function graphTalks(server: TestServer, slug: string): Promise<ScheduleTruth> {
  const talks: string[] = [];
  const people = new Set<string>();
  let after: string | null = null;
  do {
    const data: any = await server.data(TALKS, { slug, after });
    for (const t of data.event.talks.nodes) {
      talks.push(
        `${t.title} | ${t.speakers
          .map((s: any) => s.name)
          .sort()
          .join(', ')}`,
      );
      for (const s of t.speakers) people.add(s.name);
    }
    after = data.event.talks.pageInfo.hasNextPage ? data.event.talks.pageInfo.endCursor : null;
  } while (after);
  return { talks: talks.sort(), people: [...people].sort() };
}

describe.skipIf(!hasCorpus)('npm run ingest over ../shared/corpus/schedules', () => {
  let server: TestServer;
  let first: RunReport;
  let second: RunReport;

  beforeAll(async () => {
    server = await startTestServer({ datasets: {} });
    await server.db.transaction((_m, sql) => writeFacts(sql, { communities: [{ slug: 'conferences', name: 'Conferences' }] }));
    const sources = await pageSources([corpusPath('schedules')]);
    first = await importPages(server.db, sources, { community: 'conferences', timeZone: 'Europe/Brussels' });
    second = await importPages(server.db, sources, { community: 'conferences', timeZone: 'Europe/Brussels' });
  }, 600_000);
  afterAll(() => server?.close());

  it('recognises each file by its content, names the reader that took it, and skips licences and schemas with the reason', () => {
    const byUri = Object.fromEntries(first.pages.map((p) => [p.sourceUri, p]));
    for (const sample of SAMPLES) {
      expect(byUri[sample.file.replace('schedules/', '')], sample.file).toMatchObject({
        status: 'imported',
        reader: sample.reader,
        event: { slug: sample.slug },
      });
    }
    expect(byUri['c3voc/LICENCE.txt']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/licence/) });
    expect(byUri['fosdem/LICENSE']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/licence/) });
    expect(byUri['c3voc/schema.json']).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/JSON Schema/) });
    expect(first.pageTotals.failed).toBe(0);
  });

  for (const sample of SAMPLES) {
    it(`writes every talk of ${sample.file} with every one of its speakers`, async () => {
      const truth = sample.truth(corpusPath(sample.file));
      const graph = await graphTalks(server, sample.slug);
      expect(graph.talks.length).toBe(truth.talks.length);
      expect(graph.talks).toEqual(truth.talks);
      expect(graph.people).toEqual(truth.people);
      const report = first.pages.find((p) => p.sourceUri === sample.file.replace('schedules/', ''))!;
      expect(report.recordErrors).toEqual([]);
    });
  }

  it('writes nothing when the same files are imported again', () => {
    expect(second.rowsWritten).toBe(0);
    for (const page of second.pages.filter((p) => p.reader && p.reader !== 'event page')) expect(page.status).toBe('unchanged');
  });

  it("reads local times in the schedule's time zone: FOSDEM 2022 opens at 09:00 in Brussels", async () => {
    const data = await server.data(`{ event(slug: "fosdem-2022") { startsAt talks(first: 100) { nodes { title startsAt endsAt } } } }`);
    expect(data.event.startsAt).toBe('2022-02-05T08:00:00.000Z');
    expect(data.event.talks.nodes.find((t: any) => t.title === 'Welcome to FOSDEM 2022')).toEqual({
      title: 'Welcome to FOSDEM 2022',
      startsAt: '2022-02-05T08:00:00.000Z',
      endsAt: '2022-02-05T08:20:00.000Z',
    });
  });
});
