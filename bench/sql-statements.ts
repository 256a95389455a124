import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { Database } from '../src/database/database';
import { seed } from '../src/dataset/seed';
import { createApp } from '../src/http/app';
import { scenarios, type BenchSubjects } from './scenarios';

/** A statement the server sent, with its parameters. */
export interface SentStatement {
  text: string;
  params: readonly unknown[];
}

/** The scenarios whose statements the SQL-vocabulary benchmark rebuilds. */
export const HOT_SCENARIOS = ['talks-by-project', 'event-page', 'node-lookups'] as const;

/**
 * What the server sends today for each hot scenario of bench/scenarios.ts, on a PGlite in memory
 * holding the built-in dataset: the server is started in this process and asked as a client asks,
 * and every statement given to `db.query` is recorded. Also returns the database, to run them again.
 */
export async function captureStatements(): Promise<{
  db: Database;
  subjects: BenchSubjects;
  sent: Record<string, SentStatement[]>;
  stop: () => Promise<void>;
}> {
  const db = await Database.connect({ kind: 'pglite', dataDir: 'memory://' });
  await db.migrate();
  await seed(db);
  const [project] = await db.query<{ slug: string }>(
    `SELECT p.slug FROM project p JOIN talk_project tp ON tp.project_id = p.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
  );
  const [event] = await db.query<{ slug: string }>(
    `SELECT e.slug FROM event e JOIN talk t ON t.event_id = e.id GROUP BY e.id ORDER BY count(*) DESC, e.starts_at DESC, e.id LIMIT 1`,
  );
  const ids = async (table: string, n: number) =>
    (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id LIMIT ${n}`)).map((r) => r.id);
  const [talks, speakers, events] = [await ids('talk', 10), await ids('speaker', 5), await ids('event', 5)];
  const nodes: BenchSubjects['nodes'] = [];
  for (let i = 0; i < 5; i++)
    nodes.push(
      { type: 'Talk', id: talks[2 * i] },
      { type: 'Speaker', id: speakers[i] },
      { type: 'Talk', id: talks[2 * i + 1] },
      { type: 'Event', id: events[i] },
    );
  const subjects: BenchSubjects = { project: project.slug, event: event.slug, search: 'mesh', nodes };

  const config = { ...loadConfig({ NODE_ENV: 'test', RESPONSE_CACHE_MB: '0' }), port: 0 };
  const app = await createApp(config, db, () => {});
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const original = db.query;
  let recording: SentStatement[] = [];
  db.query = ((text: string, params: readonly unknown[] = [], limits?: Parameters<Database['query']>[2]) => {
    recording.push({ text, params });
    return original.call(db, text, params, limits);
  }) as Database['query'];
  const sent: Record<string, SentStatement[]> = {};
  for (const name of HOT_SCENARIOS) {
    const scenario = scenarios.find((s) => s.name === name)!;
    recording = [];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenario.ours(subjects)),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
    // The data span is read in the background when an operation is costed; it is no scenario's.
    sent[name] = recording.filter((s) => !/data_span|min\(coalesce/.test(s.text));
  }
  db.query = original;
  return {
    db,
    subjects,
    sent,
    stop: async () => {
      await app.stop();
      await db.close();
    },
  };
}
