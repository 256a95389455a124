import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { groupedLoader } from '../graphql/batch-loaders';
import type { MergeRule } from './merge-rule.enum';
import { SpeakerMerge } from './speaker-merge-record';

interface MergeRow {
  key: number;
  rule: MergeRule;
  absorbed: { row: { name: string; alias: string | null } };
  evidence: Record<string, unknown>;
  source: string | null;
  mergedBy: string | null;
  mergedAt: Date;
  undoneAt: Date | null;
}

const m = tables.merge_evidence.as('m');
const s = tables.source.as('s');

const MERGES_BY_SPEAKER = `SELECT ${m.kept_id} AS "__key", ${m.id} AS key, ${m.rule}, ${m.absorbed}, ${m.evidence}, ${s.uri} AS source, ${m.merged_by} AS "mergedBy",
         ${m.merged_at} AS "mergedAt", ${m.undone_at} AS "undoneAt"
       FROM ${m} LEFT JOIN ${s} ON ${s.id} = ${m.source_id}
       WHERE ${m.kind} = 'SPEAKER' AND ${m.kept_id} = ANY($1::int[]) ORDER BY ${m.kept_id}, ${m.id} DESC`;

/** Per-request loaders of merge records. */
export function createMergeLoaders(sql: SqlRunner) {
  return {
    /** The merges into each speaker, newest first. */
    mergesBySpeaker: groupedLoader<number, MergeRow, SpeakerMerge>(sql, MERGES_BY_SPEAKER, (row) =>
      Object.assign(new SpeakerMerge(), {
        key: row.key,
        rule: row.rule,
        absorbedName: row.absorbed.row.name,
        absorbedAlias: row.absorbed.row.alias,
        evidence: Object.entries(row.evidence).map(
          ([what, value]) => `${what}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        ),
        source: row.source,
        mergedBy: row.mergedBy,
        mergedAt: row.mergedAt,
        undoneAt: row.undoneAt,
      }),
    ),
  };
}

declare module '../graphql/context' {
  /** The loaders of speaker merges, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createMergeLoaders> {}
}
