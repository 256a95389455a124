import type { RecordType } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { type TableName, tables } from '../database/tables';
import { columnType, type LinkTable } from './merge-spec';

const { external_id, talk, talk_speaker } = tables;
const x = external_id.as('x');

/** `AND <record type column> = '<type>'` for a link table that points at several kinds, else nothing. */
function scope(link: LinkTable, alias: string = link.table): string {
  return link.recordType ? ` AND ${alias}.${tables.record_source.col.record_type} = '${link.recordType}'` : '';
}

/** The tables of a link, the parked one last. */
function tablesOf(link: LinkTable): { table: TableName; rows: string; parked: boolean }[] {
  return [{ table: link.table, rows: link.rows, parked: false }, ...(link.parked ? [{ ...link.parked, parked: true }] : [])];
}

/**
 * SQL of one JSON object: each link table's rows of record `$2` and the other ends record `$1`
 * had, and the external ids of `$2`, under the keys the specs name: what a merge stores to undo.
 */
export function linksSnapshot(links: readonly LinkTable[], type: RecordType): string {
  const parts = links.flatMap((link) => {
    const columns = [link.other, ...link.extra];
    const rows = tablesOf(link).map(
      ({ table, rows }) =>
        `'${rows}', (SELECT coalesce(jsonb_agg(jsonb_build_object(${columns.map((c) => `'${c}', ${c}`).join(', ')})), '[]') FROM ${table} WHERE ${link.owner} = $2${scope(link, table)})`,
    );
    const kept = tablesOf(link)
      .map(({ table }) => `SELECT ${link.other} AS id FROM ${table} WHERE ${link.owner} = $1${scope(link, table)}`)
      .join(' UNION ');
    return [...rows, `'${link.kept}', (SELECT coalesce(jsonb_agg(id), '[]') FROM (${kept}) k)`];
  });
  const ids = `(SELECT coalesce(jsonb_agg(jsonb_build_object('source', ${x.source}, 'id', ${x.external_id})), '[]') FROM ${x} WHERE ${x.record_type} = '${type}' AND ${x.record_id} = $2)`;
  return `SELECT jsonb_build_object(${[...parts, `'externalIds', ${ids}`].join(', ')}) AS links`;
}

/**
 * Writes the snapshot's rows of each link table as links of record `ownerId`: each to the table
 * its talk's state says (in force or parked), skipping other ends deleted since. With `merging`,
 * a link the record has already follows the spec's conflict rule (it stands by default).
 */
export async function writeLinks(
  sql: SqlRunner,
  links: readonly LinkTable[],
  ownerId: number,
  snapshot: Record<string, unknown>,
  merging: boolean,
): Promise<void> {
  for (const link of links) {
    const rows = tablesOf(link).flatMap(({ rows }) => (snapshot[rows] as unknown[] | undefined) ?? []);
    if (!rows.length) continue;
    const columns = [link.other, ...link.extra];
    const record = columns.map((c) => `${c} ${columnType(link.table, c)}`).join(', ');
    const typed = link.recordType ? [tables.record_source.col.record_type] : [];
    for (const { table, parked } of tablesOf(link)) {
      // Which talk's state decides: the record's own when talks are merged, the other end's otherwise.
      const talkOf = link.owner === talk_speaker.col.talk_id ? '$1' : `r.${talk_speaker.col.talk_id}`;
      const state = link.parked
        ? ` WHERE EXISTS (SELECT 1 FROM ${talk.name} t WHERE t.id = ${talkOf} AND (t.withdrawn_at IS NOT NULL) = $3)`
        : '';
      await sql(
        `INSERT INTO ${table} (${[link.owner, ...columns, ...typed].join(', ')})
         SELECT $1, ${columns.map((c) => `r.${c}`).join(', ')}${link.recordType ? `, '${link.recordType}'` : ''}
         FROM jsonb_to_recordset($2::jsonb) AS r(${record}) JOIN ${link.otherTable} o ON o.id = r.${link.other}${state}
         ON CONFLICT ${(merging && link.onConflict) || 'DO NOTHING'}`,
        [ownerId, JSON.stringify(rows), ...(link.parked ? [parked] : [])],
      );
    }
  }
}

/** Deletes every link of record `id` (the absorbed one, whose links were written to the kept one). */
export async function dropLinks(sql: SqlRunner, links: readonly LinkTable[], id: number): Promise<void> {
  for (const link of links) {
    for (const { table } of tablesOf(link)) await sql(`DELETE FROM ${table} WHERE ${link.owner} = $1${scope(link, table)}`, [id]);
  }
}

/** Takes from the kept record `keptId` the links that moved to it from the absorbed one, leaving those it had before. */
export async function takeBackLinks(
  sql: SqlRunner,
  links: readonly LinkTable[],
  keptId: number,
  snapshot: Record<string, unknown>,
): Promise<void> {
  for (const link of links) {
    const moved = tablesOf(link).flatMap(({ rows }) =>
      ((snapshot[rows] as Record<string, unknown>[] | undefined) ?? []).map((r) => r[link.other]),
    );
    if (!moved.length) continue;
    const type = columnType(link.table, link.other);
    for (const { table } of tablesOf(link)) {
      await sql(
        `DELETE FROM ${table} WHERE ${link.owner} = $1${scope(link, table)} AND ${link.other} = ANY($2::${type}[]) AND NOT ${link.other} = ANY($3::${type}[])`,
        [keptId, moved, snapshot[link.kept] ?? []],
      );
    }
  }
}

/** Moves the external ids of record `from` to record `to`: all of them, or only `only` (an unmerge's). */
export async function moveExternalIds(
  sql: SqlRunner,
  type: RecordType,
  from: number,
  to: number,
  only?: { source: string; id: string }[],
): Promise<void> {
  if (only) {
    if (!only.length) return;
    await sql(
      `UPDATE ${x} SET ${external_id.col.record_id} = $1 FROM jsonb_to_recordset($4::jsonb) AS i(source text, id text)
       WHERE ${x.record_type} = $3 AND ${x.record_id} = $2 AND ${x.source} = i.source AND ${x.external_id} = i.id`,
      [to, from, type, JSON.stringify(only)],
    );
    return;
  }
  await sql(`UPDATE ${x} SET ${external_id.col.record_id} = $1 WHERE ${x.record_type} = $3 AND ${x.record_id} = $2`, [to, from, type]);
}
