import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database';
import { readFrabXml } from '../../src/ingest/sources/frab-xml/read-frab-xml';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const root = path.resolve(__dirname, '../..');

/** A frab schedule named `acronym` with the given `<event>` elements in one room of one day. */
const frab = (acronym: string, events: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${prolog}\n<schedule>\n<version>1</version>\n<conference><title>${acronym}</title><acronym>${acronym}</acronym><time_zone_name>Europe/Berlin</time_zone_name></conference>\n<day index="1" date="2025-03-01" start="2025-03-01T09:00:00+01:00" end="2025-03-01T18:00:00+01:00">\n<room name="A">\n${events}\n</room>\n</day>\n</schedule>\n`;
const talk = (id: number, title: string, person = '<person id="1">Ann Example</person>', start = '<start>10:00</start>') =>
  `<event id="${id}" guid="00000000-0000-4000-8000-${String(id).padStart(12, '0')}">${start}<duration>00:30</duration><room>A</room><title>${title}</title><type>talk</type><track>T</track><abstract/><persons>${person}</persons></event>`;
/** A schedule.json v1 named `acronym` with the given events in one room of one day. */
const scheduleJson = (acronym: string, events: unknown[]) =>
  JSON.stringify(
    {
      schedule: {
        version: '1',
        conference: {
          acronym,
          title: acronym,
          start: '2025-03-01',
          end: '2025-03-01',
          daysCount: 1,
          timeslot_duration: '00:05',
          time_zone_name: 'Europe/Berlin',
          days: [
            {
              index: 1,
              date: '2025-03-01',
              day_start: '2025-03-01T09:00:00+01:00',
              day_end: '2025-03-01T18:00:00+01:00',
              rooms: { A: events },
            },
          ],
        },
      },
    },
    null,
    1,
  );
const jsonTalk = (id: number, title: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  guid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  date: '2025-03-01T10:00:00+01:00',
  start: '10:00',
  duration: '00:30',
  room: 'A',
  slug: `x-${id}`,
  url: 'https://example.org/',
  title,
  subtitle: null,
  track: 'T',
  type: 'talk',
  language: 'en',
  abstract: null,
  persons: [{ name: 'Ann Example' }],
  links: [],
  ...extra,
});

/** Every bad input, as a file, and what the run's report says of it. */
const BAD: { file: string; content: string | Buffer; expected: Record<string, unknown>; records?: RegExp[] }[] = [
  {
    file: 'malformed.xml',
    content: frab('malformed', talk(1, 'Open <b> never closed')),
    expected: { status: 'failed', line: 7, reason: expect.stringMatching(/^malformed XML: 7:\d+: unexpected close tag/) },
  },
  {
    file: 'xxe.xml',
    content: frab(
      'xxeconf',
      talk(1, '&xxe;'),
      '<?xml version="1.0"?>\n<!DOCTYPE schedule [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>',
    ),
    expected: { status: 'failed', line: 2, reason: expect.stringMatching(/DOCTYPE declares entities/) },
  },
  {
    file: 'entity-bomb.xml',
    content: frab(
      'bombconf',
      talk(1, '&lol9;'),
      `<?xml version="1.0"?>\n<!DOCTYPE schedule [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>`,
    ),
    expected: { status: 'failed', line: 2, reason: expect.stringMatching(/DOCTYPE declares entities/) },
  },
  {
    file: 'external-dtd.xml',
    content: frab('dtdconf', talk(1, 'Uses &remote;'), '<?xml version="1.0"?>\n<!DOCTYPE schedule SYSTEM "http://127.0.0.1:9/evil.dtd">'),
    expected: { status: 'failed', line: 8, reason: expect.stringMatching(/malformed XML: .*undefined entity/i) },
  },
  {
    file: 'latin1-declared-utf8.xml',
    content: Buffer.from(frab('latinconf', talk(1, 'Caf\u00e9')), 'latin1'),
    expected: { status: 'failed', line: 1, reason: expect.stringMatching(/not utf-8 text \(a wrong encoding\?\)/) },
  },
  {
    file: 'no-conference.xml',
    content: '<?xml version="1.0"?>\n<schedule><version>1</version><day index="1" date="2025-03-01"/></schedule>\n',
    expected: { status: 'failed', reason: expect.stringMatching(/no <conference>/) },
  },
  {
    file: 'not-a-schedule.xml',
    content: '<?xml version="1.0"?>\n<html><body/></html>\n',
    expected: { status: 'skipped', reason: expect.stringMatching(/root is <html>/) },
  },
  {
    file: 'duplicate-ids.xml',
    content: frab('dupconf', `${talk(1, 'First')}\n${talk(1, 'Second, same id')}`),
    expected: { status: 'imported' },
    records: [/duplicate id 1, first used at line 7/],
  },
  {
    file: 'no-date.xml',
    content: frab('nodateconf', `${talk(1, 'Dated')}\n${talk(2, 'Undated', undefined, '')}`),
    expected: { status: 'imported' },
    records: [/no <start> and no <date>/],
  },
  {
    file: 'nameless-person.xml',
    content: frab('namelessconf', `${talk(1, 'Named')}\n${talk(2, 'Nameless', '<person id="9">  </person>')}`),
    expected: { status: 'imported' },
    records: [/a <person> without a name/],
  },
  {
    file: 'bom.xml',
    content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(frab('bomconf', talk(1, 'After a BOM')))]),
    expected: { status: 'imported' },
  },
  {
    file: 'malformed.json',
    content: '{\n "schedule": {\n  "conference": \n}\n',
    expected: { status: 'failed', line: 4, reason: expect.stringMatching(/^malformed JSON/) },
  },
  {
    file: 'latin1.json',
    content: Buffer.from(scheduleJson('latinjson', [jsonTalk(1, 'Caf\u00e9')]), 'latin1'),
    expected: { status: 'failed', reason: expect.stringMatching(/is not UTF-8 \(a wrong encoding\?\)/) },
  },
  {
    file: 'bom.json',
    content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scheduleJson('bomjson', [jsonTalk(1, 'After a BOM')]))]),
    expected: { status: 'imported', warnings: expect.arrayContaining([expect.stringMatching(/byte order mark/)]) },
  },
  {
    file: 'schema-violation.json',
    content: JSON.stringify({ schedule: { version: '1', conference: { title: 'No days', acronym: 'nodays' } } }),
    expected: { status: 'failed', pointer: '/schedule/conference/days', reason: expect.stringMatching(/neither/) },
  },
  {
    file: 'bad-records.json',
    content: scheduleJson('badrecords', [
      jsonTalk(1, 'Sound'),
      jsonTalk(1, 'Duplicate guid and id'),
      jsonTalk(3, 'No date', { date: undefined, start: undefined }),
      jsonTalk(4, 'Nameless person', { persons: [{ name: '  ' }] }),
      jsonTalk(5, 42),
    ]),
    expected: {
      status: 'imported',
      warnings: expect.arrayContaining([expect.stringMatching(/not valid against the schedule.json schema/)]),
    },
    records: [
      /duplicate .*first used at \/schedule\/conference\/days\/0\/rooms\/A\/0/,
      /has no date/,
      /person 0 has no name \(\/persons\/0\)/,
      /has no title/,
    ],
  },
];

describe('npm run ingest on bad schedules: each file (or record) fails with its line or pointer and reason, nothing half written, the run goes on', () => {
  let folder: string;
  let run: { status: number | null; report: any; stderr: string };
  /** On PostgreSQL, a database of this file's own; on PGlite, the CLI's data folder. */
  let postgres: TestDatabase | null = null;
  const open = async () => postgres?.db ?? (await Database.connect({ kind: 'pglite', dataDir: path.join(folder, 'pgdata') }));

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) postgres = await createTestDatabase();
    // The CLI as `npm run ingest` runs it: built, then `node dist/src/cli/ingest.js`.
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    folder = mkdtempSync(path.join(tmpdir(), 'eventgraph-bad-schedules-'));
    mkdirSync(path.join(folder, 'in'));
    for (const bad of BAD) writeFileSync(path.join(folder, 'in', bad.file), bad.content);
    writeFileSync(path.join(folder, 'in', 'zz-sound.xml'), frab('soundconf', talk(1, 'Read after every bad file')));
    const result = spawnSync(
      process.execPath,
      ['dist/src/cli/ingest.js', '--json', '--community', 'conferences', '--community-name', 'Conferences', path.join(folder, 'in')],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: postgres?.url ?? '', DATA_DIR: path.join(folder, 'pgdata'), PGLITE_TEMPLATE_DIR: 'off' },
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    run = { status: result.status, report: JSON.parse(result.stdout), stderr: result.stderr };
  }, 600_000);
  afterAll(async () => {
    await postgres?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  for (const bad of BAD) {
    it(`${bad.file}: ${bad.expected.status}${bad.records ? ` with ${bad.records.length} record error(s)` : ''}`, () => {
      const page = run.report.pages.find((p: any) => p.sourceUri === bad.file);
      expect(page, run.stderr).toMatchObject(bad.expected);
      const records = (page.recordErrors ?? []).map((r: any) => `${r.line ?? r.pointer}: ${r.reason}`);
      expect(records).toHaveLength(bad.records?.length ?? 0);
      for (const [i, pattern] of (bad.records ?? []).entries()) expect(records[i]).toMatch(pattern);
      for (const r of page.recordErrors ?? []) expect(r.line ?? r.pointer).toBeTruthy();
    });
  }

  it('goes on past every bad file, and exits 1 because some failed', () => {
    expect(run.report.pages.find((p: any) => p.sourceUri === 'zz-sound.xml')).toMatchObject({
      status: 'imported',
      event: { slug: 'soundconf' },
    });
    expect(run.status).toBe(1);
  });

  it('writes nothing of a failed file and nothing of a failed record', async () => {
    const db = await open();
    try {
      const rows = await db.query<{ slug: string; talks: string[] }>(
        `SELECT e.slug, array_agg(t.title ORDER BY t.title) AS talks FROM event e JOIN talk t ON t.event_id = e.id
         WHERE e.community_id = (SELECT id FROM community WHERE slug = 'conferences') GROUP BY e.slug ORDER BY e.slug`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.slug, r.talks]))).toEqual({
        badrecords: ['Sound'],
        bomconf: ['After a BOM'],
        bomjson: ['After a BOM'],
        dupconf: ['First'],
        namelessconf: ['Named'],
        nodateconf: ['Dated'],
        soundconf: ['Read after every bad file'],
      });
    } finally {
      if (!postgres) await db.close();
    }
  });

  it('refuses an entity bomb at once rather than expanding it', () => {
    const bomb = BAD.find((b) => b.file === 'entity-bomb.xml')!;
    const started = performance.now();
    const read = readFrabXml({ bytes: Buffer.from(bomb.content), community: 'c', timeZone: 'UTC', sourceUri: 'bomb.xml' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(read).toMatchObject({ ok: false, line: 2 });
  });
});
