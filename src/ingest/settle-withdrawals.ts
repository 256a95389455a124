import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';

const e = tables.event.as('e');
const sp = tables.speaker.as('sp');
const given = tables.record_source.as('given');
const live = tables.record_source.as('live');
const doc = tables.source.as('doc');
const et = tables.talk.as('et');
const ts = tables.talk_speaker.as('ts');
const wts = tables.withdrawn_talk_speaker.as('wts');

/** How many events and speakers a settling withdrew and brought back. */
export interface Settled {
  events: { withdrawn: number; restored: number };
  speakers: { withdrawn: number; restored: number };
}

/** Keys of the records of `type` that a document of `$1` (an int array) gave. */
function givenBy(type: 'Event' | 'Speaker'): string {
  return `SELECT ${given.record_id} FROM ${given} WHERE ${given.record_type} = '${type}' AND ${given.source_id} = ANY($1::int[])`;
}

/** Whether a document still in force gives the record: one whose hash a sync has not forgotten as vanished. */
function givenNow(type: 'Event' | 'Speaker', id: string): string {
  return `EXISTS (SELECT 1 FROM ${live} JOIN ${doc} ON ${doc.id} = ${live.source_id}
    WHERE ${live.record_type} = '${type}' AND ${live.record_id} = ${id} AND ${doc.content_hash} <> '')`;
}

/**
 * When an event or a person is withdrawn from the sources. Run after the talks of a write or of
 * vanished documents were withdrawn (or brought back), for the records those documents gave.
 * - An event is withdrawn when no document in force gives it any more and none of its talks is
 *   in force (so an event an editor added a talk to stays). A schedule that still lists an
 *   event, even with no talk left, keeps it.
 * - A person is withdrawn when no talk in force credits them and either every talk that did was
 *   withdrawn or no document in force gives them any more.
 * Either comes back when that stops being so: a document lists it again, a talk returns. Only
 * records whose state changes are written, so settling what did not change writes no row.
 * Records no source ever gave (an editor's) are never candidates.
 */
export async function settleWithdrawals(sql: SqlRunner, sourceIds: readonly number[]): Promise<Settled> {
  const events = await sql<{ gone: boolean }>(
    `WITH c AS (
       SELECT ${e.id}, NOT ${givenNow('Event', e.id)}
         AND NOT EXISTS (SELECT 1 FROM ${et} WHERE ${et.event_id} = ${e.id} AND ${et.withdrawn_at} IS NULL) AS gone
       FROM ${e} WHERE ${e.id} IN (${givenBy('Event')}))
     UPDATE ${tables.event.name} SET ${tables.event.col.withdrawn_at} = CASE WHEN c.gone THEN now() END, ${tables.event.col.updated_at} = now()
     FROM c WHERE ${tables.event.name}.${tables.event.col.id} = c.id AND (${tables.event.name}.${tables.event.col.withdrawn_at} IS NOT NULL) <> c.gone
     RETURNING c.gone`,
    [sourceIds],
  );
  const speakers = await sql<{ gone: boolean }>(
    `WITH c AS (
       SELECT ${sp.id}, NOT EXISTS (SELECT 1 FROM ${ts} WHERE ${ts.speaker_id} = ${sp.id})
         AND (EXISTS (SELECT 1 FROM ${wts} WHERE ${wts.speaker_id} = ${sp.id}) OR NOT ${givenNow('Speaker', sp.id)}) AS gone
       FROM ${sp} WHERE ${sp.id} IN (${givenBy('Speaker')}))
     UPDATE ${tables.speaker.name} SET ${tables.speaker.col.withdrawn_at} = CASE WHEN c.gone THEN now() END, ${tables.speaker.col.updated_at} = now()
     FROM c WHERE ${tables.speaker.name}.${tables.speaker.col.id} = c.id AND (${tables.speaker.name}.${tables.speaker.col.withdrawn_at} IS NOT NULL) <> c.gone
     RETURNING c.gone`,
    [sourceIds],
  );
  const tally = (rows: { gone: boolean }[]) => ({
    withdrawn: rows.filter((r) => r.gone).length,
    restored: rows.filter((r) => !r.gone).length,
  });
  return { events: tally(events), speakers: tally(speakers) };
}
