import { describe, expect, it } from 'vitest';
import { tablesRead } from '../../../src/graphql/response-cache/tables-read';
import { changeNotified, tagsChanged } from '../../../src/graphql/response-cache/change-invalidation';
import { keyedTagsRead } from '../../../src/graphql/response-cache/keyed-tables';

describe('tablesRead', () => {
  it('names every table a statement mentions, whatever the case and quoting', () => {
    const words = tablesRead(
      `SELECT t.id FROM "talk" t JOIN Talk_Project tp ON tp.talk_id = t.id JOIN public.event e ON e.id = t.event_id`,
    );
    for (const table of ['talk', 'talk_project', 'event']) expect(words).toContain(table);
    expect(words).not.toContain('speaker');
  });

  it('names the tables behind a view', () => {
    expect(tablesRead(`SELECT project_id FROM project_key WHERE key = $1`)).toEqual(expect.arrayContaining(['project', 'project_alias']));
  });
});

describe('changeNotified', () => {
  it('reads a table name from a payload, and nothing (so: all changed) from anything else', () => {
    expect(changeNotified('talk_project')).toEqual({ table: 'talk_project', keys: null });
    expect(changeNotified('')).toBeUndefined();
    expect(changeNotified('talk, speaker')).toBeUndefined();
    expect(changeNotified('x'.repeat(8000))).toBeUndefined();
  });

  it('reads the keys a keyed table named, and refuses a payload with anything but keys after the bar', () => {
    expect(changeNotified('talk|talk:1 project:2 event:3 speaker:4')).toEqual({
      table: 'talk',
      keys: ['talk:1', 'project:2', 'event:3', 'speaker:4'],
    });
    expect(changeNotified('talk_card|')).toEqual({ table: 'talk_card', keys: [] });
    expect(changeNotified('talk|talk:1 community:2')).toBeUndefined();
    expect(changeNotified('talk|talk:x')).toBeUndefined();
    expect(changeNotified('talk|talk:1|project:2')).toBeUndefined();
    expect(changeNotified('Talk|talk:1')).toBeUndefined();
  });
});

describe('tagsChanged', () => {
  it('with keys, forgets the keys a keyed table named and what read it other than by key', () => {
    expect(tagsChanged([{ table: 'talk', keys: ['talk:1', 'project:2'] }], 'keys')).toEqual(['talk', 'talk:1', 'project:2']);
  });

  it('with keys, forgets also what read a keyed table by key when the change named none', () => {
    expect(tagsChanged([{ table: 'talk_speaker', keys: null }], 'keys')).toEqual(['talk_speaker', 'talk_speaker#keys']);
  });

  it('forgets the table alone for an unkeyed table, and with tables for every table', () => {
    expect(tagsChanged([{ table: 'speaker', keys: null }], 'keys')).toEqual(['speaker']);
    expect(
      tagsChanged(
        [
          { table: 'talk', keys: ['talk:1'] },
          { table: 'event', keys: null },
        ],
        'tables',
      ),
    ).toEqual(['talk', 'event']);
  });
});

describe('keyedTagsRead', () => {
  it('tags a statement confined to keys with the keys instead of the keyed tables it read', () => {
    expect(keyedTagsRead(['talk_project', 'rp', 'talk', 'event'], ['project:7'])).toEqual([
      'talk_project#keys',
      'rp',
      'talk#keys',
      'event',
      'project:7',
    ]);
  });

  it('leaves the keys out of a statement that read no keyed table', () => {
    expect(keyedTagsRead(['project_tally', 'pt'], ['project:7'])).toEqual(['project_tally', 'pt']);
  });
});
