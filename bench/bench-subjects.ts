import type { BenchSubjects } from './scenarios';

/** Runs one SQL statement and returns its rows. */
type Query = <T = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<T[]>;

/** The project, event, words and IDs the scenarios ask about, read from the data `query` reaches. */
export async function readSubjects(query: Query): Promise<BenchSubjects> {
  const [project] = await query<{ slug: string }>(
    `SELECT p.slug FROM project p JOIN talk_project tp ON tp.project_id = p.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
  );
  const [event] = await query<{ slug: string }>(
    `SELECT e.slug FROM event e JOIN talk t ON t.event_id = e.id GROUP BY e.id ORDER BY count(*) DESC, e.starts_at DESC, e.id LIMIT 1`,
  );
  const [counts] = await query<{ talks: number; speakers: number; events: number }>(
    `SELECT (SELECT max(id) FROM talk) AS talks, (SELECT max(id) FROM speaker) AS speakers, (SELECT max(id) FROM event) AS events`,
  );
  const spread = (n: number, of: number) => Array.from({ length: n }, (_, i) => 1 + Math.floor(((i + 0.5) * of) / n));
  const talks = spread(10, counts.talks);
  const speakers = spread(5, counts.speakers);
  const events = spread(5, counts.events);
  const nodes: BenchSubjects['nodes'] = [];
  for (let i = 0; i < 5; i++) {
    nodes.push(
      { type: 'Talk', id: talks[2 * i] },
      { type: 'Speaker', id: speakers[i] },
      { type: 'Talk', id: talks[2 * i + 1] },
      { type: 'Event', id: events[i] },
    );
  }
  return { project: project.slug, event: event.slug, search: 'mesh kubernetes', nodes };
}
