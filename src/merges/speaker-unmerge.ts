import { snapshot, type Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { type ColumnName, tables } from '../database/tables';
import { UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';

/** What an unmerge did: the kept record before and after, and the record restored. */
export interface SpeakerUnmergeDone {
  keptId: number;
  restoredId: number;
  keptBefore: Snapshot;
  keptAfter: Snapshot;
  restored: Snapshot;
}

interface StoredMerge {
  kind: string;
  kept_id: number;
  absorbed_id: number;
  absorbed: { row: Record<string, unknown>; links: MergeLinks };
  kept_before: Record<string, unknown>;
  kept_after: Record<string, unknown>;
  undone_at: Date | null;
}

interface MergeLinks {
  credits: { talk_id: number; role: string; position: number }[];
  withdrawnCredits: { talk_id: number; role: string; position: number }[];
  projects: { project_id: number; role: string | null }[];
  sources: { source_id: number; locator: unknown }[];
  externalIds: { source: string; id: string }[];
  keptTalks: number[];
  keptProjects: number[];
  keptSources: number[];
}

/** The fields a merge may have filled on the kept record, and an unmerge gives back. */
const FIELDS = ['name', 'name_key', 'alias', 'affiliation', 'title', 'bio'] as const satisfies readonly ColumnName<'speaker'>[];

const { external_id, merge_evidence, project, record_source, source, speaker, speaker_project } = tables;
const m = merge_evidence.col;
const sp = speaker_project.col;
const rs = record_source.col;
const x = external_id.as('x');
// The absorbed row read back from the merge's snapshot of it, under the speaker's own column names.
const r = speaker.as('r');

const MERGE_FOR_UPDATE = `SELECT ${merge_evidence.list('kind', 'kept_id', 'absorbed_id', 'absorbed', 'kept_before', 'kept_after', 'undone_at')} FROM ${merge_evidence.name} WHERE ${m.id} = $1 FOR UPDATE`;
const LOCK_SPEAKER = `SELECT 1 FROM ${speaker.name} WHERE ${speaker.col.id} = $1 FOR UPDATE`;
const NAME_HOLDERS = `SELECT ${speaker.col.id} FROM ${speaker.name} WHERE ${speaker.col.id} = $1 OR ${speaker.col.name_key} = $2`;
const RESTORE_SPEAKER = `INSERT INTO ${speaker.name} (${speaker.list('id', 'name', 'alias', 'name_key', 'affiliation', 'title', 'bio', 'created_at', 'updated_at')})
     SELECT $1, ${r.name}, ${r.alias}, ${r.name_key}, ${r.affiliation}, ${r.title}, ${r.bio}, ${r.created_at}, now() FROM jsonb_to_record($2::jsonb)
       AS r(${speaker.typed('name', 'alias', 'name_key', 'affiliation', 'title', 'bio', 'created_at')})`;

/** A table of credits: (talk_id, speaker_id, role, position). */
type CreditTable = typeof tables.talk_speaker | typeof tables.withdrawn_talk_speaker;

/** Drops speaker `$1`'s credits in `table` on the talks `$2`. */
function dropCredits(table: CreditTable): string {
  return `DELETE FROM ${table.name} WHERE ${table.col.speaker_id} = $1 AND ${table.col.talk_id} = ANY($2::int[])`;
}

const t = tables.talk.as('t');
// `c`, `p`, `s` and `i` below read the links as `mergeSpeakers` recorded them: their fields are that JSON's keys.

/**
 * Credits speaker `$1` in `table` with the recorded credits `$2` (JSON as `mergeSpeakers` wrote
 * it) whose talks are withdrawn or not as `$3` says.
 */
function restoreCredits(table: CreditTable): string {
  return `INSERT INTO ${table.name} (${table.list('talk_id', 'speaker_id', 'role', 'position')})
       SELECT c.talk_id, $1, c.role, c.position FROM jsonb_to_recordset($2::jsonb) AS c(talk_id int, role text, position int)
       JOIN ${t} ON ${t.id} = c.talk_id AND (${t.withdrawn_at} IS NOT NULL) = $3 ON CONFLICT DO NOTHING`;
}

const DROP_CREDITS = [tables.talk_speaker, tables.withdrawn_talk_speaker].map(dropCredits);
// Each credit goes where its talk's links are now: in force, or parked while it is withdrawn.
const RESTORE_CREDITS = [
  [restoreCredits(tables.talk_speaker), false],
  [restoreCredits(tables.withdrawn_talk_speaker), true],
] as const;

const DROP_PROJECTS = `DELETE FROM ${speaker_project.name} WHERE ${sp.speaker_id} = $1 AND ${sp.project_id} = ANY($2::int[]) AND NOT ${sp.project_id} = ANY($3::int[])`;
const RESTORE_PROJECTS = `INSERT INTO ${speaker_project.name} (${speaker_project.list('speaker_id', 'project_id', 'role')}) SELECT $1, p.project_id, p.role
     FROM jsonb_to_recordset($2::jsonb) AS p(project_id int, role text) JOIN ${project.name} ON ${project.name}.${project.col.id} = p.project_id ON CONFLICT DO NOTHING`;
const DROP_SOURCES = `DELETE FROM ${record_source.name} WHERE ${rs.record_type} = 'Speaker' AND ${rs.record_id} = $1 AND ${rs.source_id} = ANY($2::int[]) AND NOT ${rs.source_id} = ANY($3::int[])`;
const RESTORE_SOURCES = `INSERT INTO ${record_source.name} (${record_source.list('source_id', 'record_type', 'record_id', 'locator')}) SELECT s.source_id, 'Speaker', $1, s.locator
     FROM jsonb_to_recordset($2::jsonb) AS s(source_id int, locator jsonb) JOIN ${source.name} ON ${source.name}.${source.col.id} = s.source_id ON CONFLICT DO NOTHING`;
const RESTORE_EXTERNAL_IDS = `UPDATE ${x} SET ${external_id.col.record_id} = $1 FROM jsonb_to_recordset($3::jsonb) AS i(source text, id text)
     WHERE ${x.record_type} = 'Speaker' AND ${x.record_id} = $2 AND ${x.source} = i.source AND ${x.external_id} = i.id`;
const MARK_UNDONE = `UPDATE ${merge_evidence.name} SET ${m.undone_at} = now(), ${m.undone_by} = $2 WHERE ${m.id} = $1`;

const problem = (message: string, code = UserErrorCode.INVALID) => new UserInputProblem([userError(['input', 'merge'], message, code)]);

/**
 * Undoes merge `mergeId`: the absorbed speaker comes back under its own id with its row, credits,
 * project roles, sources and external ids as they were; the kept record loses what it gained from
 * it, except fields an editor has changed since. The merge stays recorded as undone, which keeps
 * imports from merging the two again. Refuses (changing nothing) a merge that is unknown, already
 * undone, or superseded: its kept record is gone, or another record has the absorbed name now.
 */
export async function unmergeSpeaker(sql: SqlRunner, mergeId: number, actor: string): Promise<SpeakerUnmergeDone> {
  const [merge] = await sql<StoredMerge>(MERGE_FOR_UPDATE, [mergeId]);
  if (!merge || merge.kind !== 'SPEAKER') throw problem('No merge of speakers has this ID.', UserErrorCode.NOT_FOUND);
  if (merge.undone_at) throw problem('This merge was undone already; there is nothing to undo.');
  const { kept_id: keptId, absorbed_id: restoredId } = merge;
  await sql(LOCK_SPEAKER, [keptId]);
  const keptBefore = await snapshot(sql, 'Speaker', keptId);
  if (!keptBefore) throw problem('The kept speaker was deleted or merged into another since; undo that first.');
  const row = merge.absorbed.row;
  const holder = await sql<{ id: number }>(NAME_HOLDERS, [restoredId, row.name_key]);
  // The kept record's name counts only if an editor gave it the absorbed name since the merge.
  if (holder.some((h) => h.id !== keptId) || (keptBefore.name_key === row.name_key && merge.kept_after.name_key !== row.name_key)) {
    throw problem(`Another speaker is now named "${String(row.name)}"; rename or merge it before undoing this merge.`);
  }

  // A field goes back only while it still holds what the merge gave it.
  const reverted = FIELDS.filter((f) => keptBefore[f] === merge.kept_after[f] && merge.kept_after[f] !== merge.kept_before[f]);
  if (reverted.length) {
    const set = reverted.map((f, i) => `${speaker.col[f]} = $${i + 2}`).join(', ');
    await sql(`UPDATE ${speaker.name} SET ${set}, ${speaker.col.updated_at} = now() WHERE ${speaker.col.id} = $1`, [
      keptId,
      ...reverted.map((f) => merge.kept_before[f]),
    ]);
  }
  await sql(RESTORE_SPEAKER, [restoredId, JSON.stringify(row)]);
  const links = merge.absorbed.links;
  const credits = [...links.credits, ...links.withdrawnCredits];
  const movedTalks = credits.map((c) => c.talk_id).filter((t) => !links.keptTalks.includes(t));
  for (const drop of DROP_CREDITS) await sql(drop, [keptId, movedTalks]);
  for (const [restore, withdrawn] of RESTORE_CREDITS) await sql(restore, [restoredId, JSON.stringify(credits), withdrawn]);
  await sql(DROP_PROJECTS, [keptId, links.projects.map((p) => p.project_id), links.keptProjects]);
  await sql(RESTORE_PROJECTS, [restoredId, JSON.stringify(links.projects)]);
  await sql(DROP_SOURCES, [keptId, links.sources.map((s) => s.source_id), links.keptSources]);
  await sql(RESTORE_SOURCES, [restoredId, JSON.stringify(links.sources)]);
  await sql(RESTORE_EXTERNAL_IDS, [restoredId, keptId, JSON.stringify(links.externalIds)]);
  await sql(MARK_UNDONE, [mergeId, actor]);
  return {
    keptId,
    restoredId,
    keptBefore,
    keptAfter: await snapshot(sql, 'Speaker', keptId),
    restored: await snapshot(sql, 'Speaker', restoredId),
  };
}
