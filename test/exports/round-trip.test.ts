import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database';
import { importPages } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { writeFacts } from '../../src/ingest/write-facts';
import { CORPUS_MISSING, corpusPath, hasCorpus } from '../helpers/corpus';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { startTestServer, type TestServer } from '../helpers/test-server';

if (!hasCorpus) console.warn(`${CORPUS_MISSING} (the round trip imports its schedule samples)`);

/** Samples of both exported formats' own families, and the event each becomes. */
const SAMPLES = [
  { file: 'schedules/fosdem/2022.xml', slug: 'fosdem-2022' },
  { file: 'schedules/c3voc/pretalx-democon.json', slug: 'democon' },
  { file: 'schedules/c3voc/hub-schedule2.json', slug: '38c3' },
];

/** An event's graph as a list of lines, one per talk: title, times, room, track, kind, language and speakers. */
async function graphOf(db: Database, slug: string): Promise<string[]> {
  const rows = await db.query<{ line: string }>(
    `SELECT concat_ws(' | ', t.title, to_char(t.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'), to_char(t.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI'),
         coalesce(t.room, '-'), coalesce(t.track, '-'), t.kind, coalesce(t.language, '-'),
         (SELECT string_agg(s.name, ', ' ORDER BY s.name) FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id)) AS line
     FROM talk t JOIN event e ON e.id = t.event_id WHERE e.slug = $1 ORDER BY 1`,
    [slug],
  );
  return rows.map((r) => r.line);
}

async function importInto(db: Database, path: string) {
  return importPages(db, await pageSources([path]), { community: 'conferences', timeZone: 'Europe/Brussels' });
}

describe.skipIf(!hasCorpus)('round trip: import a sample, export it, import the export into a new database', () => {
  let server: TestServer;
  let folder: string;
  const copies: TestDatabase[] = [];
  const community = (db: Database) =>
    db.transaction((_m, sql) => writeFacts(sql, { communities: [{ slug: 'conferences', name: 'Conferences' }] }));

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'eventgraph-round-trip-'));
    server = await startTestServer({ datasets: {} });
    await community(server.db);
    for (const sample of SAMPLES) expect((await importInto(server.db, corpusPath(sample.file))).pageTotals.failed).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    for (const copy of copies) await copy.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const sample of SAMPLES) {
    for (const format of ['xml', 'json'] as const) {
      it(`gives the same graph for ${sample.file} through /schedule.${format}: talks, titles, speakers, times, rooms, tracks`, async () => {
        const response = await fetch(`${server.url}/schedule.${format}?event=${sample.slug}`);
        expect(response.status).toBe(200);
        const path = join(folder, `${sample.slug}.${format}`);
        writeFileSync(path, await response.text());
        const copy = await createTestDatabase();
        copies.push(copy);
        await community(copy.db);
        const report = await importInto(copy.db, path);
        expect(report.pages[0]).toMatchObject({
          status: 'imported',
          reader: format === 'xml' ? 'frab/pentabarf XML' : 'C3VOC schedule.json',
          event: { slug: sample.slug },
          recordErrors: [],
        });
        const original = await graphOf(server.db, sample.slug);
        expect(original.length).toBeGreaterThan(0);
        expect(await graphOf(copy.db, sample.slug)).toEqual(original);
      }, 120_000);
    }
  }
});
