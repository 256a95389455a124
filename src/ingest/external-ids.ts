import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import type { ExternalIdFact } from './event-facts';

const { external_id } = tables;
const x = external_id.col;
const e = external_id.as('e');

// An id that names another record now follows it; one that names the same record writes nothing.
// Columns through `x`, not `list`: the column `external_id` as a string reads as the table's name to the vocabulary test.
const WRITE = `INSERT INTO ${external_id.name} (${x.record_type}, ${x.record_id}, ${x.source}, ${x.external_id})
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])
       ON CONFLICT (${x.record_type}, ${x.source}, ${x.external_id}) DO UPDATE SET ${x.record_id} = EXCLUDED.${x.record_id}
       WHERE ${external_id.name}.${x.record_id} <> EXCLUDED.${x.record_id} RETURNING 1`;

const FIND = `SELECT ${e.source}, ${e.external_id}, ${e.record_id} FROM ${e}
         JOIN unnest($2::text[], $3::text[]) AS w (${x.source}, ${x.external_id}) USING (${x.source}, ${x.external_id})
         WHERE ${e.record_type} = $1`;

/** A record kind that can carry external ids. */
export type ExternalIdRecord = 'Event' | 'Talk' | 'Speaker';

/**
 * The ids sources give records, gathered while a document is written and stored in one
 * statement at the end (a conference names a thousand people); an id that names a record keeps
 * naming it, and an id moved to another record (two people merged by an editor) follows it.
 */
export class ExternalIds {
  private readonly rows = new Map<string, { type: ExternalIdRecord; recordId: number; source: string; id: string }>();

  /** Notes the ids of one record. */
  add(type: ExternalIdRecord, recordId: number, ids: readonly ExternalIdFact[] | undefined): void {
    for (const { source, id } of ids ?? []) this.rows.set(`${type}\u0000${source}\u0000${id}`, { type, recordId, source, id });
  }

  /** Moves the noted ids of `type` to the record `to` maps their record to (records merged while the document was written). */
  follow(type: ExternalIdRecord, to: (recordId: number) => number): void {
    for (const row of this.rows.values()) if (row.type === type) row.recordId = to(row.recordId);
  }

  /** Writes what was noted; returns how many rows were added or changed. */
  async write(sql: SqlRunner): Promise<number> {
    if (!this.rows.size) return 0;
    const rows = [...this.rows.values()];
    this.rows.clear();
    const written = await sql(WRITE, [
      rows.map((r) => r.type),
      rows.map((r) => r.recordId),
      rows.map((r) => r.source),
      rows.map((r) => r.id),
    ]);
    return written.length;
  }

  /**
   * Reads, in one statement, which records the ids of `holders` already name; returns a lookup
   * from a holder's ids to its record id, or null when none of its ids is known.
   */
  async find(
    sql: SqlRunner,
    type: ExternalIdRecord,
    holders: readonly { externalIds?: readonly ExternalIdFact[] }[],
  ): Promise<(ids: readonly ExternalIdFact[] | undefined) => number | null> {
    const ids = holders.flatMap((h) => h.externalIds ?? []);
    const known = new Map<string, number>();
    if (ids.length) {
      const rows = await sql<{ source: string; external_id: string; record_id: number }>(FIND, [
        type,
        ids.map((i) => i.source),
        ids.map((i) => i.id),
      ]);
      for (const row of rows) known.set(`${row.source}\u0000${row.external_id}`, row.record_id);
    }
    return (of) => {
      for (const { source, id } of of ?? []) {
        const recordId = known.get(`${source}\u0000${id}`);
        if (recordId !== undefined) return recordId;
      }
      return null;
    };
  }
}
