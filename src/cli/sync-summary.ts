import { kindName } from '../sources/source-kind.enum';
import type { SourceSync } from '../sources/sync-source';
import { table } from './ingest-summary';

/** A sync as a person reads it: each failed document, then one row per source. */
export function syncSummary(syncs: readonly SourceSync[]): string {
  const lines: string[] = [];
  for (const sync of syncs) {
    for (const document of sync.documents.filter((d) => d.status === 'failed')) {
      lines.push(
        `FAILED  ${document.file}${document.line ? `:${document.line}` : ''}${document.pointer ? ` ${document.pointer}` : ''}: ${document.reason}`,
      );
    }
    if (sync.error && !sync.documents.length) lines.push(`FAILED  source ${sync.source.id}: ${sync.error}`);
  }
  if (lines.length) lines.push('');
  const rows = syncs.map((s) =>
    [
      `${s.source.id} ${kindName(s.source.kind)} ${s.source.location}`,
      s.read,
      s.unchanged,
      s.created,
      s.updated,
      s.withdrawn,
      s.failed,
    ].map(String),
  );
  const rowsWritten = syncs.reduce((sum, s) => sum + s.rowsWritten, 0);
  lines.push(
    ...table([['source', 'read', 'unchanged', 'created', 'updated', 'withdrawn', 'failed'], ...rows]),
    '',
    `${rowsWritten} rows written`,
  );
  return lines.join('\n');
}
