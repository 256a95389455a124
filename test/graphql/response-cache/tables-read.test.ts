import { describe, expect, it } from 'vitest';
import { tablesRead } from '../../../src/graphql/response-cache/tables-read';
import { tablesNotified } from '../../../src/graphql/response-cache/change-invalidation';

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

describe('tablesNotified', () => {
  it('reads a table name from a payload, and nothing (so: all changed) from anything else', () => {
    expect(tablesNotified('talk_project')).toEqual(['talk_project']);
    expect(tablesNotified('')).toBeUndefined();
    expect(tablesNotified('talk, speaker')).toBeUndefined();
    expect(tablesNotified('x'.repeat(8000))).toBeUndefined();
  });
});
