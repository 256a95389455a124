import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anniversaryFacts, seed } from '../../src/dataset/seed';
import { extractPage, type PageInput } from '../../src/ingest/extract-page';
import { importPage } from '../../src/ingest/import-page';
import { writeFacts } from '../../src/ingest/write-facts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const page = (frontMatter: string, body: string) => `---\n${frontMatter}\n---\n${body}`;
const SUMMER = page('title: "Rust 聚会"\ndate: 2024-06-01', '- 活动时间：2024 年 06 月 20 日 19:00-21:00\n');
const WINTER = page('title: "Rust 冬季聚会"\ndate: 2024-12-01', '- 活动时间：2024 年 12 月 12 日 19:00-21:00\n');

function eventOf(input: Partial<PageInput> & { text: string }) {
  const result = extractPage({ path: 'content/zh/activities/rust/index.md', community: 'sofastack', ...input });
  if (!result.ok || 'skipped' in result) throw new Error(`not read: ${JSON.stringify(result)}`);
  return result.event;
}

describe('extractPage: time zones from data', () => {
  it("reads a page in the zone its community's data gives (SOFAStack: Asia/Shanghai)", () => {
    const event = eventOf({ text: SUMMER });
    expect([event.startsAt, event.endsAt, event.timeZone]).toEqual([
      '2024-06-20T19:00:00+08:00',
      '2024-06-20T21:00:00+08:00',
      'Asia/Shanghai',
    ]);
  });

  it("reads a page in the zone it is given, with that zone's offset on that day", () => {
    expect(eventOf({ text: SUMMER, timeZone: 'Europe/Berlin' }).startsAt).toBe('2024-06-20T19:00:00+02:00');
    expect(eventOf({ text: WINTER, timeZone: 'Europe/Berlin' }).startsAt).toBe('2024-12-12T19:00:00+01:00');
  });

  it('reads a community unknown to the data in UTC, assuming no offset', () => {
    expect(eventOf({ text: SUMMER, community: 'rust-berlin' }).startsAt).toBe('2024-06-20T19:00:00+00:00');
  });

  it('lets the page name its own zone in the front matter', () => {
    const event = eventOf({
      text: page('title: "Rust 聚会"\ntimezone: America/New_York\ndate: 2024-06-01', '- 活动时间：2024 年 06 月 20 日 19:00\n'),
    });
    expect([event.startsAt, event.timeZone]).toEqual(['2024-06-20T19:00:00-04:00', 'America/New_York']);
  });

  it('reads a publish date without offset as wall-clock time in the zone', () => {
    const event = eventOf({ text: page('title: "Rust 聚会"\ndate: "2024-06-01 10:30"', 'no time here\n'), timeZone: 'Europe/Berlin' });
    expect(event.startsAt).toBe('2024-06-01T10:30:00+02:00');
  });

  it('fails a page whose front matter names a zone that does not exist, at its line', () => {
    const result = extractPage({
      path: 'x/index.md',
      community: 'sofastack',
      text: page('title: "Rust"\ndate: 2024-06-01\ntimezone: "Mars/Olympus<script>"', ''),
    });
    expect(result).toMatchObject({ ok: false, line: 4, reason: expect.stringContaining('is not an IANA time zone') });
  });

  it('fails a page whose agenda states an impossible time of day, instead of storing a shifted one', () => {
    const result = extractPage({
      path: 'x/index.md',
      community: 'sofastack',
      text: page('title: "Rust"\ndate: 2024-06-01', '- 活动时间：2024 年 06 月 20 日 25:00-26:00\n'),
    });
    expect(result).toMatchObject({ ok: false, line: 5, reason: 'impossible time of day 25:00' });
  });
});

describe("importPage: the community's stored zone", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test?.drop());

  it("stores SOFAStack's zone from the built-in dataset", async () => {
    await seed(test.db, { 'sofa-6th-anniversary': anniversaryFacts });
    expect(await test.db.query(`SELECT time_zone FROM community WHERE slug = 'sofastack'`)).toEqual([{ time_zone: 'Asia/Shanghai' }]);
  });

  it("reads a page of another community in that community's zone", async () => {
    await test.db.transaction((_m, sql) =>
      writeFacts(sql, { communities: [{ slug: 'rust-berlin', name: 'Rust Berlin', timeZone: 'Europe/Berlin' }] }),
    );
    const report = await importPage(test.db, { path: 'rust/index.md', sourceUri: 'rust/index.md', text: WINTER, community: 'rust-berlin' });
    expect(report.status).toBe('imported');
    const [row] = await test.db.query<{ time_zone: string; starts_at: Date }>(`SELECT time_zone, starts_at FROM event WHERE slug = $1`, [
      report.event!.slug,
    ]);
    expect([row.time_zone, row.starts_at.toISOString()]).toEqual(['Europe/Berlin', '2024-12-12T18:00:00.000Z']);
  });

  it("keeps a community's zone when a later document names the community without one", async () => {
    await test.db.transaction((_m, sql) => writeFacts(sql, { communities: [{ slug: 'rust-berlin', name: 'Rust Berlin' }] }));
    expect(await test.db.query(`SELECT time_zone FROM community WHERE slug = 'rust-berlin'`)).toEqual([{ time_zone: 'Europe/Berlin' }]);
  });

  it("gives an event that states no zone its community's", async () => {
    await test.db.transaction((_m, sql) =>
      writeFacts(sql, {
        events: [{ slug: 'rust-berlin-1', title: 'Rust Berlin #1', community: 'rust-berlin', startsAt: '2024-12-12T19:00:00+01:00' }],
      }),
    );
    expect(await test.db.query(`SELECT time_zone FROM event WHERE slug = 'rust-berlin-1'`)).toEqual([{ time_zone: 'Europe/Berlin' }]);
  });

  it('refuses a community zone that is not an IANA zone, and writes nothing of the document', async () => {
    const write = test.db.transaction((_m, sql) =>
      writeFacts(sql, { communities: [{ slug: 'bad-zone', name: 'Bad', timeZone: '+08:00' }] }),
    );
    await expect(write).rejects.toThrow('Community "bad-zone": time zone "+08:00" is not an IANA time zone');
    expect(await test.db.query(`SELECT 1 FROM community WHERE slug = 'bad-zone'`)).toEqual([]);
  });
});
