import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema, tables } from '../../src/database/tables';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(() => database?.drop());

describe(`src/database/tables.ts (${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('names every table, view and column of the migrated database, with its type, nullability and generation, in order', async () => {
    const rows = await database.db.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
      is_generated: string;
    }>(
      `SELECT table_name, column_name, udt_name, is_nullable, is_generated FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const migrated: Record<string, Record<string, string>> = {};
    for (const row of rows) {
      const type = `${row.udt_name}${row.is_nullable === 'YES' ? '?' : ''}${row.is_generated === 'ALWAYS' ? ' generated' : ''}`;
      (migrated[row.table_name] ??= {})[row.column_name] = type;
    }
    // Key order matters too: it is the database's column order.
    const ordered = (tree: Record<string, Record<string, string>>) =>
      Object.keys(tree)
        .sort()
        .map((t) => [t, Object.entries(tree[t])]);
    expect(ordered(schema)).toEqual(ordered(migrated));
  });

  it("gives column names and aliased references that are the text of today's SQL", () => {
    const t = tables.talk.as('t');
    expect(`FROM ${t} JOIN ${tables.event.as('e')} ON e.id = ${t.event_id}`).toBe('FROM talk t JOIN event e ON e.id = t.event_id');
    expect(tables.talk_project.col.talk_date_key).toBe('talk_date_key');
    expect(tables.talk.as('t')).toBe(t);
  });

  it('gives columns with their SQL types, for reading a row back from JSON', () => {
    expect(tables.speaker.typed('name', 'alias', 'created_at')).toBe('name text, alias text, created_at timestamptz');
    expect(tables.event.typed('tags', 'search_text')).toBe('tags text[], search_text text');
  });

  it('refuses an alias that is not a plain identifier', () => {
    expect(() => tables.talk.as('t; DROP TABLE talk')).toThrow('"t; DROP TABLE talk" is not a table alias');
  });
});
