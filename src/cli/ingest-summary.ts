import type { RunReport } from '../ingest/import-pages';
import { COUNTED_KINDS } from '../ingest/write-counts';

/** The run report as a person reads it: failures, skips and uncertain characters, then a summary table. */
export function ingestSummary(report: RunReport): string {
  const lines: string[] = [];
  for (const page of report.pages) {
    if (page.status === 'failed')
      lines.push(`FAILED  ${page.file}${page.line ? `:${page.line}` : ''}${page.pointer ? ` ${page.pointer}` : ''}: ${page.reason}`);
    // Schedules say which reader took them and what they wrote, and list the records that failed alone.
    if (page.reader && page.reader !== 'event page' && page.status !== 'failed') {
      const c = page.counts;
      const wrote = c
        ? `${c.created.talks} talks and ${c.created.speakers} speakers created, ${c.updated.talks + c.updated.speakers} updated`
        : 'nothing written';
      lines.push(
        `${page.status.padEnd(7)} ${page.file} (${page.reader}): ${page.status === 'unchanged' ? 'unchanged, nothing written' : wrote}`,
      );
      for (const error of page.recordErrors ?? [])
        lines.push(`  record failed ${error.line ? `line ${error.line}` : error.pointer}: ${error.reason}`);
      for (const warning of page.warnings) lines.push(`  warning: ${warning}`);
    }
    if (page.status === 'skipped') lines.push(`skipped ${page.file}: ${page.reason}`);
    for (const project of page.createdProjects) {
      lines.push(
        `new project ${project.slug} ("${project.name}", ${project.repositoryUrl ?? 'no repository'}) from ${project.origin === 'link' ? 'a link' : 'the landscape'} on ${page.file}: review it`,
      );
    }
    if (page.uncertain.length) {
      const chars = page.uncertain.map((u) => `line ${u.line} "${u.chosen}" (else ${u.alternatives.join('') || 'none'})`);
      lines.push(`uncertain ${page.uncertain.length} character(s) in ${page.file}: ${chars.join('; ')}`);
    }
  }
  if (lines.length) lines.push('');
  const t = report.pageTotals;
  lines.push(
    ...table([
      ['pages', 'read', 'imported', 'unchanged', 'skipped', 'failed'],
      ['', t.read, t.imported, t.unchanged, t.skipped, t.failed].map(String),
    ]),
    '',
    ...table([
      ['records', ...COUNTED_KINDS.filter((k) => k !== 'communities')],
      ['created', ...COUNTED_KINDS.filter((k) => k !== 'communities').map((k) => String(report.counts.created[k]))],
      ['updated', ...COUNTED_KINDS.filter((k) => k !== 'communities').map((k) => String(report.counts.updated[k]))],
    ]),
    '',
    `${report.rowsWritten} rows written in ${report.elapsedMs} ms${report.dryRun ? ' (dry run: rolled back, nothing kept)' : ''}`,
  );
  return lines.join('\n');
}

/** Rows as aligned text: the first column padded on the right, the others (numbers) on the left unless `text` says they are words. */
export function table(rows: string[][], text = false): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 || text ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd(),
  );
}
