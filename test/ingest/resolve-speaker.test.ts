import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFact, SpeakerFact } from '../../src/ingest/event-facts';
import { writeFacts } from '../../src/ingest/write-facts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.transaction((_m, sql) => writeFacts(sql, { communities: [{ slug: 'c', name: 'C', timeZone: 'Asia/Shanghai' }] }));
});
afterAll(() => test?.drop());

let pages = 0;
/** Writes one page's event: one talk credited to the person as the page names them. */
async function pageNaming(person: SpeakerFact): Promise<void> {
  const n = ++pages;
  const event: EventFact = {
    slug: `page-${n}`,
    title: `Meetup ${n}`,
    community: 'c',
    startsAt: `2024-0${n}-01T14:00:00+08:00`,
    talks: [{ title: `Talk ${n}`, speakers: [{ name: person.name, alias: person.alias ?? null }] }],
    speakers: [person],
  };
  await test.db.transaction((_m, sql) => writeFacts(sql, { events: [event] }, { uri: `page-${n}.md`, contentHash: String(n) }));
}

const speakersLike = (names: string[]) =>
  test.db.query<{ name: string; alias: string | null; talks: string[] }>(
    `SELECT s.name, s.alias, array_agg(t.title ORDER BY t.title) AS talks FROM speaker s JOIN talk_speaker ts ON ts.speaker_id = s.id JOIN talk t ON t.id = ts.talk_id
     WHERE s.name = ANY($1) OR s.alias = ANY($1) GROUP BY s.id ORDER BY s.id`,
    [names],
  );

describe('resolveSpeaker across pages', () => {
  it('links a person an agenda names only by 花名 once another page gives the real name', async () => {
    await pageNaming({ name: '竹影', alias: null, title: '某公司 高级专家' });
    await pageNaming({ name: '林清远', alias: '竹影' });
    expect(await speakersLike(['竹影', '林清远'])).toEqual([{ name: '林清远', alias: '竹影', talks: ['Talk 1', 'Talk 2'] }]);
  });

  it('keeps the real name when a later page credits the 花名 alone', async () => {
    await pageNaming({ name: '竹影', alias: null });
    expect(await speakersLike(['竹影', '林清远'])).toEqual([{ name: '林清远', alias: '竹影', talks: ['Talk 1', 'Talk 2', 'Talk 3'] }]);
  });

  it('renames an alias-only record (name = alias) when the real name appears', async () => {
    await pageNaming({ name: '石砚', alias: '石砚' });
    await pageNaming({ name: '韩松柏', alias: '石砚' });
    expect(await speakersLike(['石砚', '韩松柏'])).toEqual([{ name: '韩松柏', alias: '石砚', talks: ['Talk 4', 'Talk 5'] }]);
  });

  it('does not rename a person whose real name another fact gives as its own alias-only name', async () => {
    await pageNaming({ name: '周启明', alias: null });
    await pageNaming({ name: '周启明', alias: '周启明' });
    expect(await speakersLike(['周启明'])).toEqual([{ name: '周启明', alias: '周启明', talks: ['Talk 6', 'Talk 7'] }]);
  });
});
