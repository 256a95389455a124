import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { groupedLoader } from '../graphql/batch-loaders';
import { EventMerge } from './event-merge-record';
import type { MergeRecord } from './merge-record';
import type { MergeRule } from './merge-rule.enum';
import type { MergeKind } from './merge-spec';
import { SpeakerMerge } from './speaker-merge-record';
import { TalkMerge } from './talk-merge-record';

interface MergeRow {
  key: number;
  rule: MergeRule;
  absorbed: { row: Record<string, string | null> };
  evidence: Record<string, unknown>;
  source: string | null;
  mergedBy: string | null;
  mergedAt: Date;
  undoneAt: Date | null;
}

const m = tables.merge_evidence.as('m');
const s = tables.source.as('s');

/** The merges of `kind` into each record, newest first, as `make` makes each from the absorbed row. */
function mergesInto<T extends MergeRecord>(sql: SqlRunner, kind: MergeKind, make: (absorbed: Record<string, string | null>) => T) {
  return groupedLoader<number, MergeRow, T>(
    sql,
    `SELECT ${m.kept_id} AS "__key", ${m.id} AS key, ${m.rule}, ${m.absorbed}, ${m.evidence}, ${s.uri} AS source, ${m.merged_by} AS "mergedBy",
       ${m.merged_at} AS "mergedAt", ${m.undone_at} AS "undoneAt"
     FROM ${m} LEFT JOIN ${s} ON ${s.id} = ${m.source_id}
     WHERE ${m.kind} = '${kind}' AND ${m.kept_id} = ANY($1::int[]) ORDER BY ${m.kept_id}, ${m.id} DESC`,
    (row) =>
      Object.assign(make(row.absorbed.row), {
        key: row.key,
        rule: row.rule,
        evidence: Object.entries(row.evidence).map(
          ([what, value]) => `${what}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        ),
        source: row.source,
        mergedBy: row.mergedBy,
        mergedAt: row.mergedAt,
        undoneAt: row.undoneAt,
      }),
  );
}

/** Per-request loaders of merge records. */
export function createMergeLoaders(sql: SqlRunner) {
  return {
    /** The merges into each speaker, newest first. */
    mergesBySpeaker: mergesInto(sql, 'SPEAKER', (row) =>
      Object.assign(new SpeakerMerge(), { absorbedName: row.name!, absorbedAlias: row.alias }),
    ),
    /** The merges into each talk, newest first. */
    mergesByTalk: mergesInto(sql, 'TALK', (row) => Object.assign(new TalkMerge(), { absorbedTitle: row.title! })),
    /** The merges into each event, newest first. */
    mergesByEvent: mergesInto(sql, 'EVENT', (row) =>
      Object.assign(new EventMerge(), { absorbedTitle: row.title!, absorbedSlug: row.slug! }),
    ),
  };
}

declare module '../graphql/context' {
  /** The loaders of speaker, talk and event merges, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createMergeLoaders> {}
}
