import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { MergeRule } from './merge-rule.enum';
import { mergeRecords, unmergeRecords } from './merge-records';
import { coalesce, type MergeDecision, type MergeDone, type MergeSpec, provenanceLinks, unionArray, unionJsonArray } from './merge-spec';
import { talkMerges } from './talk-merge';

const { event, merge_evidence, talk } = tables;
const a = talk.as('a');
const k = talk.as('k');
const t = talk.as('t');
const m = merge_evidence.as('m');
const rs = tables.record_source.as('rs');

/** What an event merge stores beside the links: the talks it moved, and the talk merges it made. */
interface EventTalks {
  talks: number[];
  talkMerges: number[];
}

/**
 * Moves the absorbed event's talks to the kept event. A talk whose title the kept event has
 * already (once case and spacing are set aside) is the same talk: it is merged into that one, as
 * a talk merge of its own (rule SAME_TITLE) that undoing the event merge undoes too.
 */
async function absorbTalks(sql: SqlRunner, keptId: number, absorbedId: number, decision: MergeDecision) {
  const twins = await sql<{ kept: number; absorbed: number; title: string }>(
    `SELECT ${k.id} AS kept, ${a.id} AS absorbed, ${a.title} AS title FROM ${a} JOIN ${k} ON ${k.event_id} = $1 AND ${k.title_key} = ${a.title_key}
     WHERE ${a.event_id} = $2 ORDER BY ${a.id}`,
    [keptId, absorbedId],
  );
  const nested: MergeDone[] = [];
  for (const twin of twins) {
    nested.push(
      await mergeRecords(sql, talkMerges, twin.kept, twin.absorbed, {
        rule: MergeRule.SAME_TITLE,
        evidence: { title: twin.title, event: decision.evidence },
        sourceId: decision.sourceId,
        actor: decision.actor,
      }),
    );
  }
  const moved = await sql<{ id: number }>(
    `UPDATE ${t} SET ${talk.col.event_id} = $1, ${talk.col.updated_at} = now() WHERE ${t.event_id} = $2 RETURNING ${t.id}`,
    [keptId, absorbedId],
  );
  const links: EventTalks = { talks: moved.map((r) => r.id), talkMerges: nested.map((n) => n.mergeId) };
  return { links, nested };
}

/** Gives the restored event back the talks that moved, where they still are, and undoes the talk merges made along. */
async function restoreTalks(sql: SqlRunner, keptId: number, restoredId: number, links: Record<string, unknown>, actor: string) {
  const {
    talks,
    talkMerges: merged,
    sources,
    keptSources,
  } = links as unknown as EventTalks & {
    sources: { source_id: number }[];
    keptSources: number[];
  };
  // Besides the talks that moved, those that only sources of the absorbed event alone gave since (re-imported into the kept one).
  const ownSources = sources.map((source) => source.source_id).filter((id) => !keptSources.includes(id));
  await sql(
    `UPDATE ${t} SET ${talk.col.event_id} = $1, ${talk.col.updated_at} = now() WHERE ${t.event_id} = $3 AND (${t.id} = ANY($2::int[]) OR (
       EXISTS (SELECT 1 FROM ${rs} WHERE ${rs.record_type} = 'Talk' AND ${rs.record_id} = ${t.id})
       AND NOT EXISTS (SELECT 1 FROM ${rs} WHERE ${rs.record_type} = 'Talk' AND ${rs.record_id} = ${t.id} AND NOT ${rs.source_id} = ANY($4::int[]))))`,
    [restoredId, talks, keptId, ownSources],
  );
  // The talk merges an editor undid already stay undone; the rest are undone now, newest first.
  const standing = await sql<{ id: number }>(
    `SELECT ${m.id} FROM ${m} WHERE ${m.id} = ANY($1::int[]) AND ${m.undone_at} IS NULL ORDER BY ${m.id} DESC`,
    [merged],
  );
  const nested = [];
  for (const { id } of standing) nested.push(await unmergeRecords(sql, talkMerges, id, actor));
  return nested;
}

/**
 * How events merge: talks (a talk of the same title merged into the kept event's), sources and
 * external ids move over; the kept event takes the series, end, format, place, description and
 * cover it lacks, and both events' tags and links.
 */
export const eventMerges: MergeSpec<'event'> = {
  kind: 'EVENT',
  type: 'Event',
  table: event,
  plural: 'events',
  fills: {
    series: coalesce,
    starts_at: coalesce,
    ends_at: coalesce,
    format: coalesce,
    city: coalesce,
    venue: coalesce,
    description: coalesce,
    cover_url: coalesce,
    tags: unionArray,
    links: unionJsonArray,
  },
  links: [provenanceLinks('Event')],
  unique: {
    columns: [event.col.slug],
    taken: (row) => `Another event has the slug "${String(row.slug)}" now; change it before undoing this merge.`,
  },
  parents: [{ column: event.col.community_id, table: tables.community.name, gone: "The absorbed event's community was deleted since." }],
  absorb: absorbTalks,
  restore: restoreTalks,
};
