import { describe, expect, it } from 'vitest';
import { extractPage, MAX_PAGE_BYTES } from '../../src/ingest/extract-page';
import { corpusPath, hasCorpus, readCorpus } from '../helpers/corpus';
import { listPages } from '../../src/ingest/list-pages';

const page = (frontMatter: string, body = '') => `---\n${frontMatter}\n---\n${body}`;
const extract = (text: string | Buffer, path = 'content/zh/activities/sofa-meetup-9/index.md') =>
  extractPage({ path, text, community: 'sofastack' });
const eventOf = (text: string) => {
  const result = extract(text);
  if (!result.ok || !('event' in result)) throw new Error(`no event: ${JSON.stringify(result)}`);
  return result.event;
};

describe('extractPage', () => {
  it('reads 活动时间 without a year using the publish date', () => {
    const event = eventOf(page('title: "T"\ndate: 2023-12-20T10:00:00+08:00', '- 活动时间：01 月 04 日 14:00-17:00\n'));
    expect(event).toMatchObject({ startsAt: '2024-01-04T14:00:00+08:00', endsAt: '2024-01-04T17:00:00+08:00', timeZone: 'Asia/Shanghai' });
  });

  it('reads evening hours written as 晚 7 点', () => {
    expect(eventOf(page('title: "T"\ndate: 2019-01-10', '- 活动时间：1 月 17 日周四晚 7 点\n')).startsAt).toBe('2019-01-17T19:00:00+08:00');
  });

  it('falls back to the publish date when the page states no event time', () => {
    expect(eventOf(page('title: "T"\ndate: 2021-05-24T15:00:00+08:00')).startsAt).toBe('2021-05-24T15:00:00+08:00');
  });

  it('derives the slug from the folder and takes the community from the caller', () => {
    expect(eventOf(page('title: "T"\ndate: 2021-05-24'))).toMatchObject({ slug: 'sofa-meetup-9', community: 'sofastack' });
  });

  it('reads the format: both offline and live is HYBRID', () => {
    const body = (f: string) => `- 活动形式：${f}\n`;
    expect(eventOf(page('title: T\ndate: 2021-01-01', body('线下 Meetup + 线上直播'))).format).toBe('HYBRID');
    expect(eventOf(page('title: T\ndate: 2021-01-01', body('线上直播'))).format).toBe('ONLINE');
    expect(eventOf(page('title: T\ndate: 2021-01-01', body('线下活动'))).format).toBe('OFFLINE');
  });

  it('skips host openings, sign-in and breaks in an agenda table and reads speakers', () => {
    const table =
      '## 议程\n\n| 时间 | 环节 | 嘉宾 |\n| --- | --- | --- |\n| 13:00 | 签到 | |\n| 13:30 | 《SOFARegistry 解析》 | 某公司专家 张三 |\n| 14:00 | 茶歇 | |\n| 14:20 | 圆桌：未来 | 李四@MOSN 负责人 |\n';
    const talks = eventOf(page('title: T\ndate: 2021-01-01', table)).talks!;
    expect(talks.map((t) => [t.title, t.kind, t.speakers!.map((s) => s.name), t.projects])).toEqual([
      ['SOFARegistry 解析', 'TALK', ['张三'], ['sofaregistry']],
      ['圆桌：未来', 'PANEL', ['李四'], []],
    ]);
  });

  it('skips a section listing page with a reason', () => {
    expect(extract(page('title: "活动"'), 'content/zh/activities/_index.md')).toMatchObject({ ok: true, skipped: expect.any(String) });
  });

  it('hashes the original bytes', () => {
    expect(extract(page('title: T\ndate: 2021-01-01')).contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('bad input', () => {
    it.each([
      ['an empty file', ''],
      ['a page without front matter', '## 概要\n'],
      ['malformed YAML', '---\ntitle: [oops\n---\n'],
      ['an impossible front-matter date', page('title: T\ndate: 2021-13-40')],
      ['an impossible 活动时间', page('title: T\ndate: 2021-01-01', '- 活动时间：2 月 30 日\n')],
      ['a page without a title', page('date: 2021-01-01')],
    ])('fails on %s without throwing', (_name, text) => {
      expect(extract(text)).toMatchObject({ ok: false, file: expect.any(String), reason: expect.any(String) });
    });

    it('names the line of an impossible 活动时间', () => {
      expect(extract(page('title: T\ndate: 2021-01-01', '\n- 活动时间：2 月 30 日\n'))).toMatchObject({ ok: false, line: 6 });
    });

    it('fails on a binary file', () => {
      expect(extract(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/binary/),
      });
    });

    it('fails on invalid UTF-8 that is not mojibake', () => {
      expect(extract(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x41]))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/UTF-8/),
      });
    });

    it('fails on a file over the size limit', () => {
      expect(extract(Buffer.alloc(MAX_PAGE_BYTES + 1, 0x41))).toMatchObject({ ok: false, reason: expect.stringMatching(/limit/) });
    });
  });
});

describe.skipIf(!hasCorpus)('extractPage on the seed page', () => {
  const result = extractPage({
    path: corpusPath('seed/000_ef0176cff81b1af2.txt'),
    text: hasCorpus ? readCorpus(corpusPath('seed/000_ef0176cff81b1af2.txt')) : '',
    community: 'sofastack',
    knownNames: ['胡子杰'],
  });
  const event = result.ok && 'event' in result ? result.event : null;

  it('repairs and reads the event', () => {
    expect(event).toMatchObject({
      title: 'SOFA 六周年，Hello SOFA World',
      startsAt: '2024-04-20T13:30:00+08:00',
      endsAt: '2024-04-20T18:00:00+08:00',
      format: 'HYBRID',
      city: '上海',
      venue: 'S 空间',
    });
  });

  it('reads every talk with its speaker by alias from the slides', () => {
    expect(event!.talks!.map((t) => [t.title, t.speakers!.map((s) => s.alias ?? s.name)])).toEqual([
      ['Apache Seata(incubating) 新征程', ['亦夏']],
      ['探索微服务下一站，Koupleless 模块化研发框架与运维调度系统', ['有济']],
      ['开源：除了代码之外还需要做哪些事？', ['古今']],
      ['厚积薄发 - MOSN 社区开启新征程', ['人德']],
      ['SOFABoot - 新一代研发框架', ['致节']],
      ['Envoy 网关基于 MOE 架构的落地与实践', ['杜鑫']],
    ]);
  });

  it('reads the speakers with alias and role', () => {
    expect(event!.speakers!.map((s) => [s.name, s.alias, s.title])).toEqual([
      ['王特', '亦夏', 'Apache Seata(incubating) 社区 PPMC'],
      ['赵真灵', '有济', 'Koupleless 社区负责人'],
      ['马振军', '古今', 'Layotto 社区负责人'],
      ['朱德江', '人德', 'MOSN 开源负责人'],
      ['胡子杰', '致节', 'SOFABoot 社区 PMC'],
      ['杜鑫', null, '中国电子云技术专家、MOSN 社区开发者'],
    ]);
  });

  it('lists the characters it had to guess as warnings', () => {
    expect(result.ok && result.warnings.some((w) => /guess for lost bytes/.test(w))).toBe(true);
  });
});

describe.skipIf(!hasCorpus)('extractPage on every corpus page', () => {
  it('answers for each page without throwing, and reads every clean page', async () => {
    const pages = await listPages(corpusPath('sofastack.tech/content'), corpusPath('seed'));
    for (const path of pages) {
      const result = extractPage({ path, text: readCorpus(path), community: 'sofastack' });
      expect(result.ok, `${path}: ${result.ok ? '' : result.reason}`).toBe(true);
    }
  });

  it('tags a talk by a repository linked from its section', () => {
    const body = '**《一次分享》**\n\n**议题简介**\n\n- 代码在 <https://github.com/sofastack/sofa-registry>\n';
    const event = eventOf(page('title: T\ndate: 2021-01-01', body));
    expect(event.talks!.map((t) => t.projects)).toEqual([['sofaregistry']]);
  });
});
