import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anniversaryFacts } from '../../src/dataset/seed';
import { importPages, type RunReport } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { corpusPath, CORPUS_MISSING, hasCorpus } from '../helpers/corpus';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SEED = 'seed/000_ef0176cff81b1af2.txt';

/**
 * A page of our own (the corpus has no talk under Koupleless's former name): one talk given
 * as "SOFAServerless", to show that the project finds it.
 */
function formerNamePage(): string {
  const root = mkdtempSync(join(tmpdir(), 'eventgraph-former-name-'));
  mkdirSync(join(root, 'serverless-day'));
  writeFileSync(
    join(root, 'serverless-day', 'index.md'),
    '---\ntitle: "Serverless Day"\ndate: 2023-06-01T10:00:00+08:00\n---\n- 活动时间：06 月 10 日 14:00-17:00\n\n## 议程\n\n| 时间 | 环节 | 嘉宾 |\n| --- | --- | --- |\n| 14:00 | 《SOFAServerless 模块化入门》 | 王五 |\n',
  );
  return root;
}

/** The corpus's event pages: schedules/ holds conference programmes in other formats (and their licence texts). */
async function eventPages() {
  return (await pageSources([corpusPath('')])).filter((s) => !s.sourceUri.startsWith('schedules/'));
}

describe.skipIf(!hasCorpus)("importing the corpus's event pages (ingest over ../shared/corpus)", () => {
  let server: TestServer;
  let report: RunReport;
  beforeAll(async () => {
    server = await startTestServer();
    const sources = [...(await eventPages()), ...(await pageSources([formerNamePage()]))];
    report = await importPages(server.db, sources, { community: 'sofastack' });
  }, 120_000);
  afterAll(() => server?.close());

  it('imports every event page and skips the others with a reason', () => {
    expect(report.pages.filter((p) => p.status === 'failed')).toEqual([]);
    const skipped = report.pages.filter((p) => p.status === 'skipped');
    expect(skipped.map((p) => [p.sourceUri, p.reason])).toEqual([
      ['sofastack.tech/LICENSE', expect.stringMatching(/licence/)],
      ['sofastack.tech/content/en/activities/_index.md', expect.stringMatching(/not an event/)],
      ['sofastack.tech/content/zh/activities/_index.md', expect.stringMatching(/not an event/)],
    ]);
    expect(report.pageTotals.imported).toBe(report.pageTotals.read - 3);
  });

  it('lands the seed document on the hand-written anniversary event, with its names and titles right', async () => {
    const seed = report.pages.find((p) => p.sourceUri === SEED)!;
    expect(seed.event?.slug).toBe('sofastack-6th-anniversary');
    const data = await server.data(`{
      twin: event(slug: "000-ef0176cff81b1af2") { slug }
      event(slug: "sofastack-6th-anniversary") {
        title
        talks(first: 20) { totalCount nodes { title speakers { name alias } sources { uri line } } }
      }
    }`);
    expect(data.twin).toBeNull();
    expect(data.event.title).toBe('SOFA 六周年，Hello SOFA World');
    const talks = data.event.talks.nodes as {
      title: string;
      speakers: { name: string; alias: string | null }[];
      sources: { uri: string; line: number | null }[];
    }[];
    expect(talks.map((t) => t.title).sort()).toEqual(anniversaryFacts.events![0].talks!.map((t) => t.title).sort());
    expect(talks.flatMap((t) => t.speakers.map((s) => s.name)).sort()).toEqual(['朱德江', '杜鑫', '王特', '胡子杰', '赵真灵', '马振军']);
    for (const talk of talks) {
      expect(talk.sources.map((s) => s.uri)).toEqual(['dataset:sofa-6th-anniversary', SEED]);
      expect(talk.sources[1].line).toBeGreaterThan(1);
    }
  });

  it('reports the characters of the seed document it had to guess', () => {
    const seed = report.pages.find((p) => p.sourceUri === SEED)!;
    expect(seed.uncertain.length).toBeGreaterThan(0);
    for (const char of seed.uncertain) expect(char).toMatchObject({ line: expect.any(Number), chosen: expect.any(String) });
  });

  it('knows 有济 and 赵真灵 as one speaker', async () => {
    const data = await server.data(`{ byAlias: speaker(name: "有济") { id name } byName: speaker(name: "赵真灵") { id alias } }`);
    expect(data.byAlias.name).toBe('赵真灵');
    expect(data.byName).toEqual({ id: data.byAlias.id, alias: '有济' });
  });

  it('finds under project(slug: "koupleless") the talks given under its former name SOFAServerless', async () => {
    const data = await server.data(`{ project(slug: "koupleless") { talks(first: 50) { nodes { title event { slug } } } } }`);
    expect(data.project.talks.nodes).toEqual(
      expect.arrayContaining([
        { title: 'SOFAServerless 模块化入门', event: { slug: 'serverless-day' } },
        { title: '探索微服务下一站，Koupleless 模块化研发框架与运维调度系统', event: { slug: 'sofastack-6th-anniversary' } },
      ]),
    );
  });

  it('makes one event of two pages about the same event', async () => {
    const data = await server.data(`{ a: event(slug: "sofa-channel-32") { sources { uri } } b: event(slug: "sofachannel-32") { slug } }`);
    expect(data.b).toBeNull();
    expect(data.a.sources.map((s: { uri: string }) => s.uri)).toEqual([
      'sofastack.tech/content/zh/activities/sofa-channel-32/index.md',
      'sofastack.tech/content/zh/activities/sofachannel-32/index.md',
    ]);
  });

  it('writes nothing when the corpus is imported again', async () => {
    const again = await importPages(server.db, await eventPages(), { community: 'sofastack' });
    expect(again.pageTotals).toMatchObject({ imported: 0, failed: 0, unchanged: again.pageTotals.read - 3 });
    expect(again.rowsWritten).toBe(0);
  });
});

if (!hasCorpus) console.warn(CORPUS_MISSING);
