import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { ExternalId } from './external-id';
import { SourceReference } from './source-reference';
import { Source } from './source.entity';

const rs = tables.record_source.as('rs');
const s = tables.source.as('s');
const x = tables.external_id.as('x');

// Split the keys so the join can use the (record_type, record_id) index.
const SOURCES_BY_RECORD = `SELECT k.key AS "__key", ${s.uri}, ${s.content_hash} AS "contentHash", ${s.imported_at} AS "importedAt", ${rs.locator}
       FROM unnest($1::text[]) AS k(key)
       JOIN ${rs} ON ${rs.record_type} = split_part(k.key, ':', 1) AND ${rs.record_id} = split_part(k.key, ':', 2)::int
       JOIN ${s} ON ${s.id} = ${rs.source_id}
       ORDER BY 1, ${s.uri}`;

const EXTERNAL_IDS_BY_RECORD = `SELECT k.key AS "__key", ${x.source}, ${x.external_id} AS id
       FROM unnest($1::text[]) AS k(key)
       JOIN ${x} ON ${x.record_type} = split_part(k.key, ':', 1) AND ${x.record_id} = split_part(k.key, ':', 2)::int
       ORDER BY 1, ${x.source}, ${x.external_id}`;

/** Per-request loaders of registered sources, of provenance and of the ids sources give records, the last two keyed `<RecordType>:<id>` (e.g. `Talk:42`). */
export function createSourceLoaders(sql: SqlRunner) {
  return {
    sourceById: byIdLoader(sql, Source, tables.registered_source.name),
    sourcesByRecord: groupedLoader<
      string,
      { uri: string; contentHash: string; importedAt: Date; locator: { line?: number; section?: string } },
      SourceReference
    >(sql, SOURCES_BY_RECORD, (row) =>
      Object.assign(new SourceReference(), {
        uri: row.uri,
        contentHash: row.contentHash,
        importedAt: row.importedAt,
        line: row.locator?.line ?? null,
        section: row.locator?.section ?? null,
      }),
    ),
    externalIdsByRecord: groupedLoader<string, { source: string; id: string }, ExternalId>(sql, EXTERNAL_IDS_BY_RECORD, (row) =>
      Object.assign(new ExternalId(), { source: row.source, id: row.id }),
    ),
  };
}

declare module '../graphql/context' {
  /** The loaders of sources, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createSourceLoaders> {}
}
