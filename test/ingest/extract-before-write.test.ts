import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database';
import { importPage } from '../../src/ingest/import-page';
import { importPages } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mojibakeGaps, yamlAliasBomb } from '../helpers/hostile-pages';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.transaction((_m, sql) => sql(`INSERT INTO community (slug, name) VALUES ('sofastack', 'SOFAStack')`));
});
afterAll(() => test?.drop());

/** What the database saw, in order: transactions opened and closed, and the statements run outside them. */
function watch(db: Database): { log: string[]; stop(): void } {
  const log: string[] = [];
  const { transaction, query } = db;
  db.transaction = (async (work: Parameters<Database['transaction']>[0]) => {
    log.push('BEGIN');
    try {
      return await transaction.call(db, work);
    } finally {
      log.push('END');
    }
  }) as Database['transaction'];
  db.query = (async (text: string, params?: readonly unknown[]) => {
    log.push(
      /FROM speaker UNION/.test(text)
        ? 'known names'
        : /FROM source/.test(text)
          ? 'content hash'
          : /FROM community WHERE slug/.test(text)
            ? 'time zone'
            : 'query',
    );
    return query.call(db, text, params);
  }) as Database['query'];
  return { log, stop: () => Object.assign(db, { transaction, query }) };
}

describe('an import extracts before its transaction opens', () => {
  it('opens no transaction at all for a page that fails extraction', async () => {
    const watching = watch(test.db);
    try {
      const report = await importPage(test.db, { path: 'bomb.md', text: yamlAliasBomb(), sourceUri: 'bomb.md', community: 'sofastack' });
      expect(report).toMatchObject({ status: 'failed', line: 2, reason: expect.stringMatching(/Excessive alias count/) });
    } finally {
      watching.stop();
    }
    // The community's time zone is read too (a page's times are read in it), still outside any transaction.
    expect(watching.log).toEqual(['content hash', 'time zone']);
  });

  it('reads the stored hash and the known names of a garbled page, extracts it, and only then writes', async () => {
    const watching = watch(test.db);
    try {
      const report = await importPage(test.db, {
        path: 'gaps/index.md',
        text: mojibakeGaps(20_000),
        sourceUri: 'gaps/index.md',
        community: 'sofastack',
      });
      expect(report.status).toBe('imported');
    } finally {
      watching.stop();
    }
    expect(watching.log).toEqual(['content hash', 'known names', 'time zone', 'BEGIN', 'END']);
  });

  it('extracts every page of a dry run before its one transaction', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eventgraph-extract-'));
    writeFileSync(join(root, 'a.md'), mojibakeGaps(10_000).replace('2026-01-01', '2026-02-01'));
    writeFileSync(join(root, 'b.md'), yamlAliasBomb());
    const sources = await pageSources([root]);
    const watching = watch(test.db);
    let report;
    try {
      report = await importPages(test.db, sources, { community: 'sofastack', dryRun: true });
    } finally {
      watching.stop();
    }
    expect(report.pages.map((p) => p.status)).toEqual(['imported', 'failed']);
    expect(watching.log).toEqual(['time zone', 'content hash', 'content hash', 'known names', 'BEGIN', 'END']);
  });

  it('reads a schedule before any transaction opens', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eventgraph-schedule-'));
    const calendar = (summary: string) =>
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'X-WR-CALNAME:Test Days',
        'BEGIN:VEVENT',
        'UID:talk-1@test',
        'DTSTAMP:20260101T000000Z',
        'DTSTART:20260301T100000Z',
        'DTEND:20260301T110000Z',
        summary,
        'ORGANIZER;CN=Ann Example:mailto:ann@example.org',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    writeFileSync(join(root, 'days.ics'), calendar('SUMMARY:Opening talk'));
    const watching = watch(test.db);
    let report;
    try {
      report = await importPages(test.db, await pageSources([root]), { community: 'sofastack' });
    } finally {
      watching.stop();
    }
    expect(report.pages.map((p) => [p.reader, p.status])).toEqual([['iCalendar', 'imported']]);
    // The community's zone and the stored hash read (and the schedule read) outside any transaction, then the dictionary's transaction and the schedule's own.
    expect(watching.log).toEqual(['time zone', 'content hash', 'BEGIN', 'END', 'BEGIN', 'END']);
  });
});
