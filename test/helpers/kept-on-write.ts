import { periodSql } from '../../src/analytics/period.enum';
import type { SqlRunner } from '../../src/database/database';
import { TALK_CARD } from '../../src/talks/talk-card';

// What the triggers of migrations ProjectTallies and TalkCards keep on write, computed again from
// the source tables (talks, events and links, not the copies on the links), and how far the kept
// rows are from it: the tests of every way they are written, and of the bulk load, compare them.

/** The calendar units coverage is read in (`Period`): the tallies must count in each of them. */
export const COVERAGE_UNITS = Object.values(periodSql).map((p) => p.unit);

/** Each talk's project links with the talk's event and period in each unit, from the source tables. */
const DATED = `
  SELECT u.unit, tp.project_id, t.id AS talk_id, t.event_id,
    date_trunc(u.unit, coalesce(t.starts_at, e.starts_at) AT TIME ZONE e.time_zone) AS period
  FROM talk_project tp JOIN talk t ON t.id = tp.talk_id JOIN event e ON e.id = t.event_id
  CROSS JOIN unnest(ARRAY[${COVERAGE_UNITS.map((unit) => `'${unit}'`).join(', ')}]) u(unit)
  WHERE coalesce(t.starts_at, e.starts_at) IS NOT NULL`;

/** Every tally as it should be. */
export const TALLY_REFERENCE: Record<string, string> = {
  project_tally: `SELECT p.id, coalesce(l.talks, 0)::int, coalesce(l.dated, 0)::int, coalesce(l.events, 0)::int, coalesce(s.people, 0)::int
    FROM project p
    LEFT JOIN (SELECT tp.project_id, count(*) AS talks, count(coalesce(t.starts_at, e.starts_at)) AS dated, count(DISTINCT t.event_id) AS events
               FROM talk_project tp JOIN talk t ON t.id = tp.talk_id JOIN event e ON e.id = t.event_id GROUP BY 1) l ON l.project_id = p.id
    LEFT JOIN (SELECT project_id, count(DISTINCT speaker_id) AS people FROM (
                 SELECT tp.project_id, ts.speaker_id FROM talk_project tp JOIN talk_speaker ts ON ts.talk_id = tp.talk_id
                 UNION ALL SELECT project_id, speaker_id FROM speaker_project) x GROUP BY 1) s ON s.project_id = p.id
    WHERE l.talks IS NOT NULL OR s.people IS NOT NULL`,
  project_event_tally: `SELECT tp.project_id, t.event_id, count(*)::int FROM talk_project tp JOIN talk t ON t.id = tp.talk_id GROUP BY 1, 2`,
  project_speaker_tally: `SELECT project_id, speaker_id, sum(talks)::int, bool_or(role) FROM (
      SELECT tp.project_id, ts.speaker_id, 1 AS talks, false AS role FROM talk_project tp JOIN talk_speaker ts ON ts.talk_id = tp.talk_id
      UNION ALL SELECT project_id, speaker_id, 0, true FROM speaker_project) x GROUP BY 1, 2`,
  project_pair_tally: `SELECT a.project_id, b.project_id, count(*)::int FROM talk_project a JOIN talk_project b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id GROUP BY 1, 2`,
  coverage_event_tally: `SELECT unit, project_id, period, event_id, count(*)::int FROM (${DATED}) d GROUP BY 1, 2, 3, 4`,
  coverage_speaker_tally: `SELECT d.unit, d.project_id, d.period, ts.speaker_id, count(*)::int FROM (${DATED}) d JOIN talk_speaker ts ON ts.talk_id = d.talk_id GROUP BY 1, 2, 3, 4`,
  coverage_tally: `SELECT d.unit, d.project_id, d.period, count(DISTINCT d.talk_id)::int, count(DISTINCT d.event_id)::int, count(DISTINCT ts.speaker_id)::int
    FROM (${DATED}) d LEFT JOIN talk_speaker ts ON ts.talk_id = d.talk_id GROUP BY 1, 2, 3`,
};

/** Per tally, the rows that differ from the reference (missing, extra or wrong counts); {} when all agree. */
export async function tallyDrift(sql: SqlRunner): Promise<Record<string, number>> {
  const differing: Record<string, number> = {};
  for (const [table, reference] of Object.entries(TALLY_REFERENCE)) {
    const [{ n }] = await sql<{ n: number }>(
      `WITH want AS (${reference}), have AS (SELECT * FROM ${table})
       SELECT count(*)::int AS n FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM have) UNION ALL (SELECT * FROM have EXCEPT ALL SELECT * FROM want)) x`,
    );
    if (n) differing[table] = n;
  }
  return differing;
}

/** A card's JSON object of the row aliased `alias`, as `shape` (talk-card.ts's TALK_CARD) declares it. */
const cardObject = (shape: Record<string, string>, alias: string) =>
  `jsonb_build_object(${Object.entries(shape)
    .map(([property, column]) => `'${property}', ${alias}.${column}`)
    .join(', ')})`;

/** Every talk's card as talk-card.ts declares it, from the source tables (talks with neither credits nor projects left out). */
const CARD_REFERENCE = `
  SELECT * FROM (
    SELECT t.id,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('role', ts.${TALK_CARD.credits.role}, 'speaker', ${cardObject(TALK_CARD.credits.speaker, 's')}) ORDER BY ts.position, s.id), '[]')
        FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id) AS credits,
      (SELECT coalesce(jsonb_agg(${cardObject(TALK_CARD.projects, 'p')} ORDER BY p.name, p.id), '[]')
        FROM talk_project tp JOIN project p ON p.id = tp.project_id WHERE tp.talk_id = t.id) AS projects
    FROM talk t) x
  WHERE credits <> '[]' OR projects <> '[]'`;
const CARDS = `SELECT talk_id, credits::jsonb, projects::jsonb FROM talk_card WHERE credits::jsonb <> '[]' OR projects::jsonb <> '[]'`;

/** Cards that differ from the reference (missing, extra or wrong); 0 when all agree. */
export async function cardDrift(sql: SqlRunner): Promise<number> {
  const [{ n }] = await sql<{ n: number }>(
    `WITH want AS (${CARD_REFERENCE}), have AS (${CARDS})
     SELECT count(*)::int AS n FROM ((SELECT * FROM want EXCEPT ALL SELECT * FROM have) UNION ALL (SELECT * FROM have EXCEPT ALL SELECT * FROM want)) x`,
  );
  return n;
}
