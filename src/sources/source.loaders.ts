import type { SqlRunner } from '../database/database';
import { groupedLoader } from '../graphql/batch-loaders';
import { SourceReference } from './source-reference';

/** Per-request loader of provenance, keyed `<RecordType>:<id>` (e.g. `Talk:42`). */
export function createSourceLoaders(sql: SqlRunner) {
  return {
    sourcesByRecord: groupedLoader<string, { uri: string; contentHash: string; importedAt: Date; locator: { line?: number; section?: string } }, SourceReference>(
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
  };
}
