import { snapshot, type Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import type { MergeRule } from './merge-rule.enum';

/** Why a merge is made and by whom: what `merge_evidence` records beside the records. */
export interface MergeDecision {
  rule: MergeRule;
  /** What matched: the two names, the alias, the ids. */
  evidence: Record<string, unknown>;
  /** The source whose import made the merge; null for an editor's. */
  sourceId?: number | null;
  /** The editor's key name; null for an import. */
  actor?: string | null;
}

/** A merge as done: the kept record before and after, and the absorbed record as it was. */
export interface SpeakerMergeDone {
  mergeId: number;
  keptBefore: Snapshot;
  keptAfter: Snapshot;
  absorbed: Snapshot;
}

const { external_id, merge_evidence, record_source, speaker, speaker_project } = tables;
const sp = speaker_project.col;
const rs = record_source.col;
const x = external_id.col;
const m = merge_evidence.col;
const s = speaker.as('s');
// The absorbed row read back from its snapshot, under the speaker's own column names.
const d = speaker.as('d');

/** A table of credits: (talk_id, speaker_id, role, position). */
type CreditTable = typeof tables.talk_speaker | typeof tables.withdrawn_talk_speaker;

/** Speaker `$2`'s credits in `table`, as the JSON a merge records. */
function creditsJson(table: CreditTable): string {
  const { talk_id, speaker_id, role, position } = table.col;
  return `(SELECT coalesce(jsonb_agg(jsonb_build_object('talk_id', ${talk_id}, 'role', ${role}, 'position', ${position})), '[]') FROM ${table.name} WHERE ${speaker_id} = $2)`;
}

/** The talks speaker `$1` is credited on in `table`. */
function creditedTalks(table: CreditTable): string {
  return `SELECT ${table.col.talk_id} FROM ${table.name} WHERE ${table.col.speaker_id} = $1`;
}

// Each link of the absorbed record, and which of them the kept record already had, so undoing
// the merge gives back exactly what moved and nothing the kept record held before. The JSON keys
// are what `unmergeSpeaker` reads back.
const LINKS = `SELECT jsonb_build_object(
  'credits', ${creditsJson(tables.talk_speaker)},
  'withdrawnCredits', ${creditsJson(tables.withdrawn_talk_speaker)},
  'projects', (SELECT coalesce(jsonb_agg(jsonb_build_object('project_id', ${sp.project_id}, 'role', ${sp.role})), '[]') FROM ${speaker_project.name} WHERE ${sp.speaker_id} = $2),
  'sources', (SELECT coalesce(jsonb_agg(jsonb_build_object('source_id', ${rs.source_id}, 'locator', ${rs.locator})), '[]') FROM ${record_source.name} WHERE ${rs.record_type} = 'Speaker' AND ${rs.record_id} = $2),
  'externalIds', (SELECT coalesce(jsonb_agg(jsonb_build_object('source', ${x.source}, 'id', ${x.external_id})), '[]') FROM ${external_id.name} WHERE ${x.record_type} = 'Speaker' AND ${x.record_id} = $2),
  'keptTalks', (SELECT coalesce(jsonb_agg(${tables.talk_speaker.col.talk_id}), '[]') FROM (${creditedTalks(tables.talk_speaker)} UNION ${creditedTalks(tables.withdrawn_talk_speaker)}) k),
  'keptProjects', (SELECT coalesce(jsonb_agg(${sp.project_id}), '[]') FROM ${speaker_project.name} WHERE ${sp.speaker_id} = $1),
  'keptSources', (SELECT coalesce(jsonb_agg(${rs.source_id}), '[]') FROM ${record_source.name} WHERE ${rs.record_type} = 'Speaker' AND ${rs.record_id} = $1)
) AS links`;

const LOCK_SPEAKERS = `SELECT 1 FROM ${speaker.name} WHERE ${speaker.col.id} = ANY($1::int[]) ORDER BY ${speaker.col.id} FOR UPDATE`;

/** Copies speaker `$2`'s credits in `table` to speaker `$1`; where both are credited on one talk, the kept record's credit stands. */
function copyCredits(table: CreditTable): string {
  const { talk_id, speaker_id, role, position } = table.col;
  return `INSERT INTO ${table.name} (${table.list('talk_id', 'speaker_id', 'role', 'position')}) SELECT ${talk_id}, $1, ${role}, ${position} FROM ${table.name} WHERE ${speaker_id} = $2
       ON CONFLICT (${table.list('talk_id', 'speaker_id')}) DO NOTHING`;
}
const COPY_CREDITS = [tables.talk_speaker, tables.withdrawn_talk_speaker].map(copyCredits);

const COPY_PROJECTS = `INSERT INTO ${speaker_project.name} (${speaker_project.list('speaker_id', 'project_id', 'role')}) SELECT $1, ${sp.project_id}, ${sp.role} FROM ${speaker_project.name} WHERE ${sp.speaker_id} = $2
     ON CONFLICT (${speaker_project.list('speaker_id', 'project_id')}) DO UPDATE SET ${sp.role} = coalesce(${speaker_project.name}.${sp.role}, EXCLUDED.${sp.role})`;

const COPY_SOURCES = `INSERT INTO ${record_source.name} (${record_source.list('source_id', 'record_type', 'record_id', 'locator')}) SELECT ${rs.source_id}, ${rs.record_type}, $1, ${rs.locator} FROM ${record_source.name}
     WHERE ${rs.record_type} = 'Speaker' AND ${rs.record_id} = $2 ON CONFLICT (${record_source.list('source_id', 'record_type', 'record_id')}) DO NOTHING`;

const DROP_SOURCES = `DELETE FROM ${record_source.name} WHERE ${rs.record_type} = 'Speaker' AND ${rs.record_id} = $1`;

const MOVE_EXTERNAL_IDS = `UPDATE ${external_id.name} SET ${x.record_id} = $1 WHERE ${x.record_type} = 'Speaker' AND ${x.record_id} = $2`;

const DROP_SPEAKER = `DELETE FROM ${speaker.name} WHERE ${speaker.col.id} = $1`;

const FILL_KEPT = `UPDATE ${s} SET ${speaker.col.alias} = coalesce(${s.alias}, ${d.alias}, CASE WHEN ${d.name} <> ${s.name} THEN ${d.name} END),
       ${speaker.col.affiliation} = coalesce(${s.affiliation}, ${d.affiliation}), ${speaker.col.title} = coalesce(${s.title}, ${d.title}), ${speaker.col.bio} = coalesce(${s.bio}, ${d.bio}), ${speaker.col.updated_at} = now()
     FROM jsonb_to_record($2::jsonb) AS d(${speaker.typed('name', 'alias', 'affiliation', 'title', 'bio')}) WHERE ${s.id} = $1`;

const RECORD_MERGE = `INSERT INTO ${merge_evidence.name} (${merge_evidence.list('kind', 'kept_id', 'absorbed_id', 'absorbed', 'kept_before', 'kept_after', 'rule', 'evidence', 'source_id', 'merged_by')})
     VALUES ('SPEAKER', $1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7::jsonb, $8, $9) RETURNING ${m.id}`;

const KEPT_APART = `SELECT 1 FROM ${merge_evidence.name} WHERE ${m.kind} = 'SPEAKER' AND ${m.undone_at} IS NOT NULL
       AND ((${m.kept_id} = $1 AND ${m.absorbed_id} = $2) OR (${m.kept_id} = $2 AND ${m.absorbed_id} = $1)) LIMIT 1`;

/**
 * Folds speaker `absorbedId` into `keptId`: every credit (withdrawn talks' too), project role,
 * source and external id moves over, the kept record takes the fields it lacks (the absorbed
 * name becomes its alias when it has none), the absorbed row is deleted, and the decision is
 * recorded with a snapshot that `unmergeSpeaker` restores from. Both rows must exist.
 */
export async function mergeSpeakers(
  sql: SqlRunner,
  keptId: number,
  absorbedId: number,
  decision: MergeDecision,
): Promise<SpeakerMergeDone> {
  // Both rows locked in id order, so two merges of the same pair cannot deadlock.
  await sql(LOCK_SPEAKERS, [[keptId, absorbedId]]);
  // A withdrawn record's project roles are set aside (migration WithdrawnEventsAndSpeakers) and
  // would go with its row: both come back in force first, so every role moves and is restorable;
  // the next sync of a source that gave them withdraws the kept one again if nothing holds it.
  await sql(
    `UPDATE ${tables.speaker.name} SET ${tables.speaker.col.withdrawn_at} = NULL WHERE ${tables.speaker.col.id} = ANY($1::int[]) AND ${tables.speaker.col.withdrawn_at} IS NOT NULL`,
    [[keptId, absorbedId]],
  );
  const keptBefore = await snapshot(sql, 'Speaker', keptId);
  const absorbed = await snapshot(sql, 'Speaker', absorbedId);
  if (!keptBefore || !absorbed) throw new Error(`Speaker ${keptBefore ? absorbedId : keptId} does not exist.`);
  const [{ links }] = await sql<{ links: Record<string, unknown> }>(LINKS, [keptId, absorbedId]);
  for (const copy of COPY_CREDITS) await sql(copy, [keptId, absorbedId]);
  await sql(COPY_PROJECTS, [keptId, absorbedId]);
  await sql(COPY_SOURCES, [keptId, absorbedId]);
  await sql(DROP_SOURCES, [absorbedId]);
  // The ids sources gave the absorbed record name the kept one from now on.
  await sql(MOVE_EXTERNAL_IDS, [keptId, absorbedId]);
  await sql(DROP_SPEAKER, [absorbedId]);
  // The absorbed name is how pages knew the person; kept as the alias when there is none.
  await sql(FILL_KEPT, [keptId, JSON.stringify(absorbed)]);
  const keptAfter = await snapshot(sql, 'Speaker', keptId);
  const [{ id }] = await sql<{ id: number }>(RECORD_MERGE, [
    keptId,
    absorbedId,
    JSON.stringify({ row: absorbed, links }),
    JSON.stringify(keptBefore),
    JSON.stringify(keptAfter),
    decision.rule,
    JSON.stringify(decision.evidence),
    decision.sourceId ?? null,
    decision.actor ?? null,
  ]);
  return { mergeId: id, keptBefore, keptAfter, absorbed };
}

/** Whether an editor undid a merge of these two speakers: their word that they are two people. */
export async function keptApart(sql: SqlRunner, a: number, b: number): Promise<boolean> {
  return (await sql(KEPT_APART, [a, b])).length > 0;
}
