import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES } from '../../src/ingest/extract-page';
import { importPage } from '../../src/ingest/import-page';
import { importPages, type RunReport } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const page = (frontMatter: string, body = '') => `---\n${frontMatter}\n---\n${body}`;
const agenda = (rows: string[]) => `## 议程\n\n| 时间 | 环节 | 嘉宾 |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
const MEETUP = page(
  'title: "Meetup 九"\ndate: 2021-03-01T10:00:00+08:00',
  `- 活动时间：03 月 21 日 14:00-17:00\n\n${agenda(['| 14:00 | 《SOFARegistry 解析》 | 某公司专家 张三 |', '| 15:00 | 《SOFAServerless 实践》 | 李四@MOSN 负责人 |'])}`,
);
const CHANNEL = page(
  'title: "Channel 十"\ndate: 2021-04-01T10:00:00+08:00',
  `- 活动时间：04 月 08 日 19:00-20:00\n\n${agenda(['| 19:00 | 《再谈 SOFARegistry》 | 张三 |'])}`,
);

/** Writes the pages (relative path → content) into a fresh folder; returns it. */
function folderWith(pages: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'eventgraph-import-'));
  for (const [path, content] of Object.entries(pages)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.drop());

const statusOf = (report: RunReport) => Object.fromEntries(report.pages.map((p) => [p.sourceUri, p.status]));
const sourceUris = async () => (await test.db.query<{ uri: string }>(`SELECT uri FROM source ORDER BY uri`)).map((r) => r.uri);

describe('importPages over a folder of good and bad pages', () => {
  const root = folderWith({
    '[Meetup 9]hello, world!/index.md': MEETUP,
    'channel-10/index.md': CHANNEL,
    '_index.md': page('title: "活动"'),
    'no-front-matter.md': '## 概要\n\n某活动\n',
    'bad-yaml.md': '---\ntitle: [oops\n---\n',
    'bad-date/index.md': page('title: "T"\ndate: 2021-01-01', '\n- 活动时间：2 月 30 日\n'),
    'binary.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
    'huge.md': 'x'.repeat(MAX_PAGE_BYTES + 1),
    'empty.md': '',
  });
  let first: RunReport;

  beforeAll(async () => {
    first = await importPages(test.db, await pageSources([root]), { community: 'sofastack' });
  });

  it('imports the good pages, skips the listing and fails each bad page with its reason', () => {
    expect(statusOf(first)).toEqual({
      '[Meetup 9]hello, world!/index.md': 'imported',
      '_index.md': 'skipped',
      'bad-date/index.md': 'failed',
      'bad-yaml.md': 'failed',
      'binary.md': 'failed',
      'channel-10/index.md': 'imported',
      'empty.md': 'failed',
      'huge.md': 'failed',
      'no-front-matter.md': 'failed',
    });
    const failure = (uri: string) => first.pages.find((p) => p.sourceUri === uri)!;
    expect(failure('bad-date/index.md')).toMatchObject({ line: 6, reason: expect.stringMatching(/2 月 30 日|date|day/i) });
    expect(failure('bad-yaml.md')).toMatchObject({ line: expect.any(Number), reason: expect.stringMatching(/YAML/i) });
    expect(failure('no-front-matter.md').reason).toMatch(/front matter/i);
    expect(failure('binary.md').reason).toMatch(/binary/);
    expect(failure('huge.md').reason).toMatch(/limit/);
    expect(failure('empty.md').reason).toMatch(/empty/);
    expect(first.pages.find((p) => p.sourceUri === '_index.md')!.reason).toMatch(/listing/);
    expect(first.pageTotals).toEqual({ read: 9, imported: 2, unchanged: 0, skipped: 1, failed: 6 });
  });

  it('stores nothing of a failed page: only the good pages and the dictionary are sources', async () => {
    expect(await sourceUris()).toEqual(['[Meetup 9]hello, world!/index.md', 'channel-10/index.md', 'dataset:project-dictionary']);
    const events = await test.db.query<{ slug: string }>(`SELECT slug FROM event ORDER BY slug`);
    expect(events.map((e) => e.slug)).toEqual(['channel-10', 'meetup-9-hello-world']);
  });

  it('makes one speaker of a person named on two pages, and tags talks by former project names', async () => {
    const rows = await test.db.query<{ name: string; talks: number }>(
      `SELECT s.name, count(*)::int AS talks FROM speaker s JOIN talk_speaker ts ON ts.speaker_id = s.id GROUP BY s.name ORDER BY s.name`,
    );
    expect(rows).toEqual([
      { name: '张三', talks: 2 },
      { name: '李四', talks: 1 },
    ]);
    const tagged = await test.db.query<{ slug: string }>(
      `SELECT p.slug FROM talk t JOIN talk_project tp ON tp.talk_id = t.id JOIN project p ON p.id = tp.project_id WHERE t.title = 'SOFAServerless 实践'`,
    );
    expect(tagged).toEqual([{ slug: 'koupleless' }]);
  });

  it('records where each talk was read: the source relative to the root and its line', async () => {
    const rows = await test.db.query<{ uri: string; locator: { line?: number } }>(
      `SELECT s.uri, rs.locator FROM record_source rs JOIN source s ON s.id = rs.source_id JOIN talk t ON t.id = rs.record_id AND rs.record_type = 'Talk' WHERE t.title = '再谈 SOFARegistry'`,
    );
    expect(rows).toEqual([{ uri: 'channel-10/index.md', locator: expect.objectContaining({ line: expect.any(Number) }) }]);
  });

  it('writes no row when run again over unchanged pages', async () => {
    const again = await importPages(test.db, await pageSources([root]), { community: 'sofastack' });
    expect(again.pageTotals).toMatchObject({ imported: 0, unchanged: 2, skipped: 1, failed: 6 });
    expect(again.rowsWritten).toBe(0);
  });

  it('rolls a dry run back but reports what it would change', async () => {
    writeFileSync(join(root, 'channel-10/index.md'), CHANNEL.replace('再谈 SOFARegistry', '三谈 SOFARegistry'));
    const dry = await importPages(test.db, await pageSources([root]), { community: 'sofastack', dryRun: true });
    expect(dry.pages.find((p) => p.sourceUri === 'channel-10/index.md')!.status).toBe('imported');
    expect(dry.counts.created.talks).toBe(1);
    expect(await test.db.query(`SELECT 1 FROM talk WHERE title = '三谈 SOFARegistry'`)).toEqual([]);
  });

  it('updates a changed page in place: same event, the renamed talk replaces the old one, which is withdrawn', async () => {
    const [before] = await test.db.query<{ id: number }>(`SELECT id FROM event WHERE slug = 'channel-10'`);
    const run = await importPages(test.db, await pageSources([root]), { community: 'sofastack' });
    expect(statusOf(run)['channel-10/index.md']).toBe('imported');
    expect(statusOf(run)['[Meetup 9]hello, world!/index.md']).toBe('unchanged');
    expect(run.counts.withdrawn).toBe(1);
    const talks = await test.db.query<{ event_id: number; title: string; withdrawn: boolean }>(
      `SELECT event_id, title, withdrawn_at IS NOT NULL AS withdrawn FROM talk WHERE event_id = $1 ORDER BY withdrawn, title`,
      [before.id],
    );
    expect(talks).toEqual([
      { event_id: before.id, title: '三谈 SOFARegistry', withdrawn: false },
      { event_id: before.id, title: '再谈 SOFARegistry', withdrawn: true },
    ]);
  });
});

describe('importPage', () => {
  it('lands an event read from a second source on the event of the same community, day and title', async () => {
    const twin = CHANNEL.replace('title: "Channel 十"', 'title: "Channel十！"');
    const report = await importPage(test.db, {
      path: 'x/channel-ten/index.md',
      text: twin,
      sourceUri: 'mirror/channel-ten/index.md',
      community: 'sofastack',
    });
    expect(report).toMatchObject({ status: 'imported', event: { slug: 'channel-10' } });
    expect(await test.db.query(`SELECT 1 FROM event WHERE slug = 'channel-ten'`)).toEqual([]);
  });

  it('fails a page whose write fails half-way and keeps nothing of it', async () => {
    const report = await importPage(test.db, {
      path: 'meetup-11/index.md',
      text: MEETUP,
      sourceUri: 'elsewhere/meetup-11/index.md',
      community: 'no-such-community',
    });
    expect(report).toMatchObject({
      status: 'failed',
      line: null,
      reason: expect.stringMatching(/not stored: Unknown community "no-such-community"/),
    });
    expect(await test.db.query(`SELECT 1 FROM source WHERE uri = 'elsewhere/meetup-11/index.md'`)).toEqual([]);
    expect(await test.db.query(`SELECT 1 FROM event WHERE slug = 'meetup-11'`)).toEqual([]);
  });
});
