import type { SqlRunner } from '../database/database';
import { groupedLoader } from '../graphql/batch-loaders';
import { SourceReference } from './source-reference';

/** Per-request loader of provenance, keyed `<RecordType>:<id>` (e.g. `Talk:42`). */
export function createSourceLoaders(sql: SqlRunner) {
  return {
    sourcesByRecord: groupedLoader<string, { uri: string; contentHash: string; importedAt: Date; locator: { line?: number; section?: string } }, SourceReference>(
      sql,
      `SELECT rs.record_type || ':' || rs.record_id AS "__key", s.uri, s.content_hash AS "contentHash", s.imported_at AS "importedAt", rs.locator
       FROM record_source rs JOIN source s ON s.id = rs.source_id
       WHERE rs.record_type || ':' || rs.record_id = ANY($1::text[]) ORDER BY 1, s.uri`,
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
