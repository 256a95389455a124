import type { SqlRunner } from '../database/database';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { ExternalId } from './external-id';
import { SourceReference } from './source-reference';
import { Source } from './source.entity';

/** Per-request loaders of registered sources, of provenance and of the ids sources give records, the last two keyed `<RecordType>:<id>` (e.g. `Talk:42`). */
export function createSourceLoaders(sql: SqlRunner) {
  return {
    sourceById: byIdLoader(sql, Source, 'registered_source'),
    sourcesByRecord: groupedLoader<
      string,
      { uri: string; contentHash: string; importedAt: Date; locator: { line?: number; section?: string } },
      SourceReference
    >(
      sql,
      // Split the keys so the join can use the (record_type, record_id) index.
      `SELECT k.key AS "__key", s.uri, s.content_hash AS "contentHash", s.imported_at AS "importedAt", rs.locator
       FROM unnest($1::text[]) AS k(key)
       JOIN record_source rs ON rs.record_type = split_part(k.key, ':', 1) AND rs.record_id = split_part(k.key, ':', 2)::int
       JOIN source s ON s.id = rs.source_id
       ORDER BY 1, s.uri`,
      (row) =>
        Object.assign(new SourceReference(), {
          uri: row.uri,
          contentHash: row.contentHash,
          importedAt: row.importedAt,
          line: row.locator?.line ?? null,
          section: row.locator?.section ?? null,
        }),
    ),
    externalIdsByRecord: groupedLoader<string, { source: string; id: string }, ExternalId>(
      sql,
      `SELECT k.key AS "__key", x.source, x.external_id AS id
       FROM unnest($1::text[]) AS k(key)
       JOIN external_id x ON x.record_type = split_part(k.key, ':', 1) AND x.record_id = split_part(k.key, ':', 2)::int
       ORDER BY 1, x.source, x.external_id`,
      (row) => Object.assign(new ExternalId(), { source: row.source, id: row.id }),
    ),
  };
}

declare module '../graphql/context' {
  /** The loaders of sources, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createSourceLoaders> {}
}
