import { afterAll, beforeAll } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import type { SqlRunner } from '../../src/database/database';
import { keyHeaders } from '../helpers/api-keys';
import { cardDrift, tallyDrift } from '../helpers/kept-on-write';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** A test server for the file, with an editor's key (alice's) and its database's SQL. */
export function editorServer() {
  const kit = {
    server: undefined as unknown as TestServer,
    editor: {} as Record<string, string>,
    sql: <T = any>(text: string, values: readonly unknown[] = []) => kit.server.db.query<T>(text, values),
  };
  beforeAll(async () => {
    kit.server = await startTestServer();
    kit.editor = await keyHeaders(kit.server, Role.EDITOR, 'alice');
  });
  afterAll(() => kit.server?.close());
  return kit;
}

/** The tables a merge and its undo touch: their rows are the graph a round trip must give back. */
const GRAPH = [
  'event',
  'talk',
  'speaker',
  'talk_speaker',
  'withdrawn_talk_speaker',
  'talk_project',
  'withdrawn_talk_project',
  'speaker_project',
  'record_source',
  'external_id',
  'talk_card',
];

/** Every row of the graph's tables, in a stable order, without the stamps of when a row was last written. */
export async function graphRows(sql: SqlRunner): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of GRAPH) {
    // An empty card is no card: a talk that never had links has none, one that lost them keeps an empty one.
    const where = table === 'talk_card' ? ` WHERE credits::text <> '[]' OR projects::text <> '[]'` : '';
    const found = await sql<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(r) - 'updated_at' - 'search_text' AS row FROM ${table} r${where}`,
    );
    rows[table] = found.map((f) => JSON.stringify(f.row)).sort();
  }
  return rows;
}

/** How far the talk cards and project tallies kept by triggers are from fresh counts: zero and {} when right. */
export async function derivedDrift(sql: SqlRunner): Promise<{ cards: number; tallies: Record<string, number> }> {
  return { cards: await cardDrift(sql), tallies: await tallyDrift(sql) };
}
