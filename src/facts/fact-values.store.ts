import type { SqlRunner } from '../database/database';
import { titleKey } from '../database/name-key';
import { tables } from '../database/tables';
import { chooseFact, type FactCandidate } from './fact-choice';
import { type FactColumn, type FactRecordType, TIME_COLUMNS } from './fact-field.enum';

const { fact_value } = tables;
const fv = fact_value.as('fv');
const e = tables.event.as('e');
const t = tables.talk.as('t');

/** A stored value of one field of one record. */
export interface StoredFact extends FactCandidate {
  recordType: FactRecordType;
  recordId: number;
  field: FactColumn;
}

/** What the graph holds of one event's facts, read before a document about it is written. */
export interface EventFacts {
  /** Stored values by record, keyed `<type>:<id>`. */
  byRecord: Map<string, StoredFact[]>;
  /** The stored values of the event, and of the talk with a title key. */
  event: StoredFact[];
  talk(key: string): StoredFact[];
  /**
   * The title key a document's talk lands on: its own, or else that of the talk one of whose
   * titles (a source's or an editor's) has this key, so a talk an editor renamed is found again.
   */
  talkKeyOf(key: string): string;
}

/** Reads every value the sources and editors gave the event `slug` and its talks, in one statement. */
export async function storedEventFacts(sql: SqlRunner, slug: string): Promise<EventFacts> {
  const columns = `${fv.field}, ${fv.source_id}, ${fv.editor}, ${fv.specificity}, ${fv.value}, ${fv.recorded_at}`;
  const rows = await sql<{
    title_key: string | null;
    record_type: FactRecordType;
    record_id: number;
    field: FactColumn | null;
    source_id: number | null;
    editor: string | null;
    specificity: number;
    value: unknown;
    recorded_at: Date;
  }>(
    `SELECT NULL::text AS title_key, 'Event' AS record_type, ${e.id} AS record_id, ${columns}
     FROM ${e} JOIN ${fv} ON ${fv.record_type} = 'Event' AND ${fv.record_id} = ${e.id} WHERE ${e.slug} = $1
     UNION ALL
     SELECT ${t.title_key}, 'Talk', ${t.id}, ${columns}
     FROM ${e} JOIN ${t} ON ${t.event_id} = ${e.id} LEFT JOIN ${fv} ON ${fv.record_type} = 'Talk' AND ${fv.record_id} = ${t.id} WHERE ${e.slug} = $1`,
    [slug],
  );
  const byRecord = new Map<string, StoredFact[]>();
  const talkKeys = new Map<string, string>();
  const talkIds = new Map<string, number>();
  const aliases = new Map<string, string>();
  for (const row of rows) {
    const record = `${row.record_type}:${row.record_id}`;
    if (!byRecord.has(record)) byRecord.set(record, []);
    if (row.title_key !== null) {
      talkKeys.set(row.title_key, record);
      talkIds.set(row.title_key, row.record_id);
    }
    if (row.field === null) continue;
    const fact: StoredFact = {
      recordType: row.record_type,
      recordId: row.record_id,
      field: row.field,
      sourceId: row.source_id,
      editor: row.editor,
      specificity: row.specificity,
      value: row.value,
      recordedAt: new Date(row.recorded_at),
    };
    byRecord.get(record)!.push(fact);
    if (row.title_key !== null && row.field === 'title' && typeof row.value === 'string') aliases.set(titleKey(row.value), row.title_key);
  }
  const eventRecord = rows.find((row) => row.record_type === 'Event');
  return {
    byRecord,
    event: eventRecord ? byRecord.get(`Event:${eventRecord.record_id}`)! : [],
    talk: (key) => byRecord.get(talkKeys.get(key) ?? '') ?? [],
    talkKeyOf: (key) => (talkIds.has(key) ? key : (aliases.get(key) ?? key)),
  };
}

/** What a source gives a record now, and what its columns are to hold by the rule. */
export interface FactDecision {
  /** The chosen value of each column some source or editor gives a value; columns absent have none. */
  chosen: Map<FactColumn, unknown>;
  /** The source's own non-empty values, to be stored. */
  given: Map<FactColumn, string>;
}

/**
 * Decides a record's columns from the values others gave (`stored`, this source's old values set
 * aside) and the values this source gives now, by the rule of fact-choice.ts.
 */
export function decideFacts(
  stored: readonly StoredFact[],
  own: { sourceId: number; specificity: number },
  values: Partial<Record<FactColumn, string | null>>,
): FactDecision {
  const chosen = new Map<FactColumn, unknown>();
  const given = new Map<FactColumn, string>();
  const now = new Date();
  for (const [column, value] of Object.entries(values) as [FactColumn, string | null][]) {
    const candidates: FactCandidate[] = stored.filter((f) => f.field === column && f.sourceId !== own.sourceId);
    if (value !== null) {
      given.set(column, value);
      const before = stored.find((f) => f.field === column && f.sourceId === own.sourceId);
      const recordedAt = before && before.value === value && before.specificity === own.specificity ? before.recordedAt : now;
      candidates.push({ sourceId: own.sourceId, editor: null, specificity: own.specificity, value, recordedAt });
    }
    const choice = chooseFact(candidates);
    if (choice) chosen.set(column, choice.value);
  }
  return { chosen, given };
}

/** One value a source gives one field of one record. */
export interface GivenFact {
  recordType: FactRecordType;
  recordId: number;
  field: FactColumn;
  value: string;
}

/**
 * Makes the values `sourceId` gives the event `eventId` and its talks exactly `facts`, in one
 * statement that writes nothing when they are unchanged. Returns how many rows were added or
 * changed, and the values removed (a field the source leaves empty now, a talk it dropped).
 */
export async function writeSourceFacts(
  sql: SqlRunner,
  sourceId: number,
  specificity: number,
  eventId: number,
  facts: readonly GivenFact[],
): Promise<{ changed: number; removed: { record_type: FactRecordType; record_id: number; field: FactColumn }[] }> {
  // Two agenda entries of one talk give one value per field: the later stands, as its columns do.
  const wanted = [...new Map(facts.map((f) => [`${f.recordType}:${f.recordId}:${f.field}`, f])).values()];
  const key = fact_value.list('record_type', 'record_id', 'field');
  const [row] = await sql<{ changed: number; removed: { record_type: FactRecordType; record_id: number; field: FactColumn }[] }>(
    `WITH wanted AS (SELECT * FROM unnest($4::text[], $5::int[], $6::text[], $7::jsonb[]) AS w (${key}, value)),
     mine AS (
       SELECT ${fv.id}, ${fv.record_type}, ${fv.record_id}, ${fv.field} FROM ${fv} WHERE ${fv.source_id} = $1
         AND ((${fv.record_type} = 'Event' AND ${fv.record_id} = $3)
           OR (${fv.record_type} = 'Talk' AND ${fv.record_id} IN (SELECT ${t.id} FROM ${t} WHERE ${t.event_id} = $3)))),
     removed AS (
       DELETE FROM ${fact_value.name} d USING mine m WHERE d.id = m.id
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE (w.record_type, w.record_id, w.field) = (m.record_type, m.record_id, m.field))
       RETURNING d.record_type, d.record_id, d.field),
     written AS (
       INSERT INTO ${fact_value.name} (${key}, ${fact_value.list('source_id', 'specificity', 'value')})
       SELECT ${key}, $1, $2, value FROM wanted
       ON CONFLICT (${key}, ${fact_value.col.source_id}) WHERE ${fact_value.col.source_id} IS NOT NULL DO UPDATE
         SET ${fact_value.col.value} = EXCLUDED.value, ${fact_value.col.specificity} = EXCLUDED.specificity, ${fact_value.col.recorded_at} = now()
         WHERE (${fact_value.name}.value, ${fact_value.name}.specificity) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.specificity)
       RETURNING 1)
     SELECT (SELECT count(*) FROM written)::int AS changed, coalesce((SELECT json_agg(removed) FROM removed), '[]'::json) AS removed`,
    [
      sourceId,
      specificity,
      eventId,
      wanted.map((f) => f.recordType),
      wanted.map((f) => f.recordId),
      wanted.map((f) => f.field),
      wanted.map((f) => JSON.stringify(f.value)),
    ],
  );
  return row;
}

/**
 * Puts back into a record's column the value the rule chooses among what is left, after a
 * source stopped giving a value to a record it no longer lists; a field none gives any more
 * keeps its column. Returns whether the column changed.
 */
export async function applyRemaining(
  sql: SqlRunner,
  recordType: FactRecordType,
  recordId: number,
  field: FactColumn,
  remaining: readonly StoredFact[],
): Promise<boolean> {
  const choice = chooseFact(remaining.filter((f) => f.field === field));
  if (!choice) return false;
  const table = recordType === 'Talk' ? tables.talk : tables.event;
  const cast = TIME_COLUMNS.has(field) ? 'timestamptz' : 'text';
  const rows = await sql(
    `UPDATE ${table.name} SET ${field} = $2::${cast}, updated_at = now() WHERE id = $1 AND ${field} IS DISTINCT FROM $2::${cast} RETURNING 1`,
    [recordId, choice.value],
  );
  return rows.length > 0;
}

/** Records an editor's values of a record's fields (null: cleared on purpose), replacing the editor's earlier ones. */
export async function writeEditorFacts(
  sql: SqlRunner,
  recordType: FactRecordType,
  recordId: number,
  editor: string,
  values: ReadonlyMap<FactColumn, string | null>,
): Promise<void> {
  if (!values.size) return;
  const key = fact_value.list('record_type', 'record_id', 'field');
  await sql(
    `INSERT INTO ${fact_value.name} (${key}, ${fact_value.list('editor', 'specificity', 'value')})
     SELECT $1, $2, f, $3, 2, v FROM unnest($4::text[], $5::jsonb[]) AS w (f, v)
     ON CONFLICT (${key}) WHERE ${fact_value.col.source_id} IS NULL DO UPDATE
       SET ${fact_value.col.value} = EXCLUDED.value, ${fact_value.col.editor} = EXCLUDED.editor, ${fact_value.col.recorded_at} = now()`,
    [recordType, recordId, editor, [...values.keys()], [...values.values()].map((v) => JSON.stringify(v))],
  );
}

/** Deletes the values given to a record that is deleted; for an event, those of its talks gone with it too. */
export async function deleteRecordFacts(sql: SqlRunner, recordType: string, recordId: number): Promise<void> {
  if (recordType !== 'Talk' && recordType !== 'Event') return;
  await sql(`DELETE FROM ${fv} WHERE ${fv.record_type} = $1 AND ${fv.record_id} = $2`, [recordType, recordId]);
  if (recordType === 'Event') {
    await sql(`DELETE FROM ${fv} WHERE ${fv.record_type} = 'Talk' AND NOT EXISTS (SELECT 1 FROM ${t} WHERE ${t.id} = ${fv.record_id})`);
  }
}

/**
 * Forgets every value the documents `sourceIds` gave (documents gone from their folder), and
 * puts into each column they leave the value the rule chooses among what others give; a field
 * none gives any more keeps its column. Returns how many rows it changed.
 */
export async function forgetSourceFacts(sql: SqlRunner, sourceIds: readonly number[]): Promise<number> {
  const removed = await sql<{ record_type: FactRecordType; record_id: number; field: FactColumn }>(
    `DELETE FROM ${fv} WHERE ${fv.source_id} = ANY($1::int[]) RETURNING ${fv.record_type}, ${fv.record_id}, ${fv.field}`,
    [sourceIds],
  );
  if (!removed.length) return 0;
  const rows = await sql<StoredFact>(
    `SELECT ${fv.record_type} AS "recordType", ${fv.record_id} AS "recordId", ${fv.field}, ${fv.source_id} AS "sourceId", ${fv.editor},
       ${fv.specificity}, ${fv.value}, ${fv.recorded_at} AS "recordedAt"
     FROM ${fv} JOIN unnest($1::text[], $2::int[]) AS r (record_type, record_id) ON (r.record_type, r.record_id) = (${fv.record_type}, ${fv.record_id})`,
    [removed.map((r) => r.record_type), removed.map((r) => r.record_id)],
  );
  const remaining = new Map<string, StoredFact[]>();
  for (const row of rows) {
    const key = `${row.recordType}:${row.recordId}`;
    remaining.set(key, [...(remaining.get(key) ?? []), { ...row, recordedAt: new Date(row.recordedAt) }]);
  }
  let changed = removed.length;
  const done = new Set<string>();
  for (const { record_type, record_id, field } of removed) {
    const key = `${record_type}:${record_id}`;
    if (done.has(`${key}:${field}`)) continue;
    done.add(`${key}:${field}`);
    if (await applyRemaining(sql, record_type, record_id, field, remaining.get(key) ?? [])) changed++;
  }
  return changed;
}
