import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { keyHeaders } from '../helpers/api-keys';
import { meetupPage } from '../helpers/hostile-pages';
import { CORPUS_MISSING, corpusPath, hasCorpus, readCorpus } from '../helpers/corpus';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
let admin: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  editor = await keyHeaders(server, Role.EDITOR, 'importer');
  admin = await keyHeaders(server, Role.ADMIN, 'root');
});
afterAll(() => server?.close());

const IMPORT = `mutation($input: EventPageImportInput!) {
  eventPageImport(input: $input) {
    status warnings
    uncertainCharacters { line chosen alternatives }
    event { id slug title city format startsAt talks { nodes { title slidesUrl speakers { name alias } projects { slug } } } }
    userErrors { field message code }
  }
}`;

// An invented page in the shape of the community's event pages: facts made up for this test.
const page = (talkTitle: string) => `---
title: "SOFAMeetup #99 杭州站"
description: "测试页面"
categories: "SOFAMeetup"
date: 2026-05-02T10:00:00+08:00
---

## 活动信息

- 活动时间：05 月 16 日 13:30--17:30
- 活动地点：杭州
- 活动形式：线下活动

- **资料下载**：

  [${talkTitle}](https://example.org/files/%E5%B0%8F%E6%98%8E-seata.pdf)

## 嘉宾

- 张小明（花名：小明），Seata 社区 Committer
`;

const SOURCE = 'https://example.org/activities/sofa-meetup-99/';

async function importPage(markdown: string, headers = editor, sourceUrl = SOURCE) {
  const response = await server.gql(IMPORT, { input: { markdown, sourceUrl } }, headers);
  return response;
}

describe('eventPageImport', () => {
  it('imports an event page through the importer pipeline', async () => {
    const response = await importPage(page('Seata 2.0 新特性解读'));
    expect(response.errors).toBeUndefined();
    const payload = response.data.eventPageImport;
    expect(payload.userErrors).toEqual([]);
    expect(payload.status).toBe('IMPORTED');
    expect(payload.event).toMatchObject({
      title: 'SOFAMeetup #99 杭州站',
      city: '杭州',
      format: 'OFFLINE',
      startsAt: '2026-05-16T05:30:00.000Z',
    });
    expect(payload.event.talks.nodes).toEqual([
      {
        title: 'Seata 2.0 新特性解读',
        slidesUrl: 'https://example.org/files/%E5%B0%8F%E6%98%8E-seata.pdf',
        speakers: [{ name: '张小明', alias: '小明' }],
        projects: [{ slug: 'seata' }],
      },
    ]);
    const sources = await server.data(`query($s: String!) { event(slug: $s) { sources { uri } } }`, { s: payload.event.slug });
    expect(sources.event.sources).toEqual([{ uri: SOURCE }]);
  });

  it('changes nothing when the same page comes again, and updates in place when it changed', async () => {
    const again = (await importPage(page('Seata 2.0 新特性解读'))).data.eventPageImport;
    expect(again.status).toBe('UNCHANGED');
    const changed = (await importPage(page('Seata 2.1 新特性解读'))).data.eventPageImport;
    expect(changed.status).toBe('IMPORTED');
    expect(changed.event.talks.nodes.map((t: { title: string }) => t.title)).toEqual(['Seata 2.1 新特性解读']);
    const events = await server.data(`{ events(filter: { query: "SOFAMeetup #99" }) { totalCount } }`);
    expect(events.events.totalCount).toBe(1);
  });

  it('records the import in the audit log', async () => {
    const log = await server.gql(`{ auditLog(first: 5) { nodes { operation } } }`, undefined, admin);
    expect(log.errors).toBeUndefined();
    expect(log.data.auditLog.nodes.map((n: { operation: string }) => n.operation)).toContain('eventPageImport');
  });

  it('refuses a page without front matter with its line and reason, and stores nothing of it', async () => {
    const source = 'https://example.org/activities/broken/';
    const payload = (await importPage('# 只有标题\n\n没有 front matter', editor, source)).data.eventPageImport;
    expect(payload.event).toBeNull();
    expect(payload.status).toBeNull();
    expect(payload.userErrors).toHaveLength(1);
    expect(payload.userErrors[0]).toMatchObject({ field: ['input', 'markdown'], code: 'INVALID' });
    expect(payload.userErrors[0].message).toMatch(/front matter/);
    const [{ n }] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM source WHERE uri = $1`, [source]);
    expect(n).toBe(0);
  });

  it('refuses malformed input with userErrors: an empty page, a source that is no URL, an unknown community', async () => {
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [{ markdown: '', sourceUrl: SOURCE }, ['input', 'markdown'], /empty/],
      [{ markdown: page('x'), sourceUrl: 'not a url' }, ['input', 'sourceUrl'], /http\(s\) URL/],
      [{ markdown: page('x'), sourceUrl: SOURCE, community: 'nobody' }, ['input', 'community'], /No community has the slug "nobody"/],
    ];
    for (const [input, field, message] of cases) {
      const payload = (await server.gql(IMPORT, { input }, editor)).data.eventPageImport;
      expect(payload.userErrors[0].field).toEqual(field);
      expect(payload.userErrors[0].message).toMatch(message);
    }
  });

  it('needs an editor key', async () => {
    const response = await importPage(page('x'), {});
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.skipIf(!hasCorpus)('repairs the mis-decoded seed page onto the existing anniversary event and lists what it guessed', async () => {
    const markdown = readCorpus(corpusPath('seed/000_ef0176cff81b1af2.txt')).toString('utf8');
    const payload = (await importPage(markdown, editor, 'https://www.sofastack.tech/activities/sofa-6th-anniversary/')).data
      .eventPageImport;
    expect(payload.userErrors).toEqual([]);
    expect(payload.event.slug).toBe('sofastack-6th-anniversary');
    expect(payload.event.title).toBe('SOFA 六周年，Hello SOFA World');
    expect(payload.event.talks.nodes.map((t: { title: string }) => t.title)).toContain('厚积薄发 - MOSN 社区开启新征程');
    expect(payload.uncertainCharacters.length).toBeGreaterThan(0);
    for (const c of payload.uncertainCharacters) expect(c.line).toBeGreaterThan(0);
  });
});
// Another invented page, of another event, for the audit log's tests.
const mosnPage = (talkTitle: string, speaker = '- 王小二（花名：二哥），MOSN 社区 Committer') =>
  meetupPage({ number: 97, city: '成都', month: 6, day: 20, slides: [`[${talkTitle}](https://example.org/files/mosn.pdf)`], speaker });

interface Entry {
  operation: string;
  recordType: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

let seen = 0;
/** The audit entries written since the last call, oldest first. */
async function newEntries(): Promise<Entry[]> {
  const log = await server.data(`{ auditLog(first: 100) { totalCount nodes { operation recordType before after } } }`, undefined, admin);
  const fresh = log.auditLog.nodes.slice(0, log.auditLog.totalCount - seen).reverse();
  seen = log.auditLog.totalCount;
  return fresh;
}
const summary = (entries: Entry[]) =>
  entries.map((e) => `${e.recordType} ${e.before === null ? 'created' : e.after === null ? 'removed' : 'changed'}`).sort();

async function importOk(markdown: string, sourceUrl: string) {
  const payload = (await importPage(markdown, editor, sourceUrl)).data.eventPageImport;
  expect(payload.userErrors).toEqual([]);
  return payload;
}

describe('eventPageImport in the audit log', () => {
  it('records the event, its talks and its speakers as created', async () => {
    await newEntries();
    const payload = await importOk(mosnPage('MOSN 1.0 发布'), 'https://example.org/activities/sofa-meetup-97/');
    expect(payload).toMatchObject({ status: 'IMPORTED', event: { slug: 'sofa-meetup-97' } });
    const entries = await newEntries();
    expect(entries.every((e) => e.operation === 'eventPageImport')).toBe(true);
    expect(summary(entries)).toEqual(['Event created', 'Speaker created', 'Talk created']);
    expect(entries.find((e) => e.recordType === 'Speaker')!.after).toMatchObject({ name: '王小二', alias: '二哥' });
  });

  it('records an import from another source that lands on the same slug as a change of that event, not a creation', async () => {
    const payload = await importOk(
      mosnPage('MOSN 1.0 发布', '- 王小二（花名：二哥），MOSN 社区 Maintainer'),
      'https://mirror.example.org/sofa-meetup-97/',
    );
    expect(payload.event.slug).toBe('sofa-meetup-97');
    const entries = await newEntries();
    // The event row itself is as before; the speaker's title changed, and the audit says so with both states.
    expect(summary(entries)).toEqual(['Speaker changed']);
    const speaker = entries[0];
    expect(speaker.before).toMatchObject({ name: '王小二', title: expect.stringContaining('Committer') });
    expect(speaker.after).toMatchObject({ name: '王小二', title: expect.stringContaining('Maintainer') });
    const [{ n }] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE slug LIKE 'sofa-meetup-97%'`);
    expect(n).toBe(1);
  });

  it('records a renamed talk as created (the old one stays: the mirror still lists it), and nothing for an unchanged page', async () => {
    await importOk(mosnPage('MOSN 1.1 发布'), 'https://example.org/activities/sofa-meetup-97/');
    const entries = await newEntries();
    // The speaker's title is this page's again.
    expect(summary(entries)).toEqual(['Speaker changed', 'Talk created']);
    expect(entries.find((e) => e.recordType === 'Talk' && e.before === null)!.after).toMatchObject({ title: 'MOSN 1.1 发布' });
    const again = await importOk(mosnPage('MOSN 1.1 发布'), 'https://example.org/activities/sofa-meetup-97/');
    expect(again.status).toBe('UNCHANGED');
    expect(await newEntries()).toEqual([]);
  });

  it('records a talk withdrawn when its only source drops it (kept, with withdrawnAt, not deleted)', async () => {
    await importOk(mosnPage('MOSN 1.2 发布'), 'https://example.org/activities/sofa-meetup-97/');
    const entries = await newEntries();
    expect(summary(entries)).toEqual(['Talk changed', 'Talk created']);
    const withdrawn = entries.find((e) => e.before !== null && e.after !== null)!;
    expect(withdrawn.before).toMatchObject({ title: 'MOSN 1.1 发布', withdrawn_at: null });
    expect(withdrawn.after).toMatchObject({ title: 'MOSN 1.1 发布', withdrawn_at: expect.any(String) });
  });
});
if (!hasCorpus) console.warn(CORPUS_MISSING);
