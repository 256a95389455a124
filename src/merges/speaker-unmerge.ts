import { snapshot, type Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
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
const FIELDS = ['name', 'name_key', 'alias', 'affiliation', 'title', 'bio'] as const;

const problem = (message: string, code = UserErrorCode.INVALID) => new UserInputProblem([userError(['input', 'merge'], message, code)]);

/**
 * Undoes merge `mergeId`: the absorbed speaker comes back under its own id with its row, credits,
 * project roles, sources and external ids as they were; the kept record loses what it gained from
 * it, except fields an editor has changed since. The merge stays recorded as undone, which keeps
 * imports from merging the two again. Refuses (changing nothing) a merge that is unknown, already
 * undone, or superseded: its kept record is gone, or another record has the absorbed name now.
 */
export async function unmergeSpeaker(sql: SqlRunner, mergeId: number, actor: string): Promise<SpeakerUnmergeDone> {
  const [merge] = await sql<StoredMerge>(
    `SELECT kind, kept_id, absorbed_id, absorbed, kept_before, kept_after, undone_at FROM merge_evidence WHERE id = $1 FOR UPDATE`,
    [mergeId],
  );
  if (!merge || merge.kind !== 'SPEAKER') throw problem('No merge of speakers has this ID.', UserErrorCode.NOT_FOUND);
  if (merge.undone_at) throw problem('This merge was undone already; there is nothing to undo.');
  const { kept_id: keptId, absorbed_id: restoredId } = merge;
  await sql(`SELECT 1 FROM speaker WHERE id = $1 FOR UPDATE`, [keptId]);
  const keptBefore = await snapshot(sql, 'Speaker', keptId);
  if (!keptBefore) throw problem('The kept speaker was deleted or merged into another since; undo that first.');
  const row = merge.absorbed.row;
  const holder = await sql<{ id: number }>(`SELECT id FROM speaker WHERE id = $1 OR name_key = $2`, [restoredId, row.name_key]);
  // The kept record's name counts only if an editor gave it the absorbed name since the merge.
  if (holder.some((h) => h.id !== keptId) || (keptBefore.name_key === row.name_key && merge.kept_after.name_key !== row.name_key)) {
    throw problem(`Another speaker is now named "${String(row.name)}"; rename or merge it before undoing this merge.`);
  }

  // A field goes back only while it still holds what the merge gave it.
  const reverted = FIELDS.filter((f) => keptBefore[f] === merge.kept_after[f] && merge.kept_after[f] !== merge.kept_before[f]);
  if (reverted.length) {
    await sql(`UPDATE speaker SET ${reverted.map((f, i) => `${f} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      keptId,
      ...reverted.map((f) => merge.kept_before[f]),
    ]);
  }
  await sql(
    `INSERT INTO speaker (id, name, alias, name_key, affiliation, title, bio, created_at, updated_at)
     SELECT $1, r.name, r.alias, r.name_key, r.affiliation, r.title, r.bio, r.created_at, now() FROM jsonb_to_record($2::jsonb)
       AS r(name text, alias text, name_key text, affiliation text, title text, bio text, created_at timestamptz)`,
    [restoredId, JSON.stringify(row)],
  );
  const links = merge.absorbed.links;
  const credits = [...links.credits, ...links.withdrawnCredits];
  const movedTalks = credits.map((c) => c.talk_id).filter((t) => !links.keptTalks.includes(t));
  for (const table of ['talk_speaker', 'withdrawn_talk_speaker']) {
    await sql(`DELETE FROM ${table} WHERE speaker_id = $1 AND talk_id = ANY($2::int[])`, [keptId, movedTalks]);
  }
  // Each credit goes where its talk's links are now: in force, or parked while it is withdrawn.
  for (const [table, withdrawn] of [
    ['talk_speaker', false],
    ['withdrawn_talk_speaker', true],
  ] as const) {
    await sql(
      `INSERT INTO ${table} (talk_id, speaker_id, role, position)
       SELECT c.talk_id, $1, c.role, c.position FROM jsonb_to_recordset($2::jsonb) AS c(talk_id int, role text, position int)
       JOIN talk t ON t.id = c.talk_id AND (t.withdrawn_at IS NOT NULL) = $3 ON CONFLICT DO NOTHING`,
      [restoredId, JSON.stringify(credits), withdrawn],
    );
  }
  await sql(`DELETE FROM speaker_project WHERE speaker_id = $1 AND project_id = ANY($2::int[]) AND NOT project_id = ANY($3::int[])`, [
    keptId,
    links.projects.map((p) => p.project_id),
    links.keptProjects,
  ]);
  await sql(
    `INSERT INTO speaker_project (speaker_id, project_id, role) SELECT $1, p.project_id, p.role
     FROM jsonb_to_recordset($2::jsonb) AS p(project_id int, role text) JOIN project ON project.id = p.project_id ON CONFLICT DO NOTHING`,
    [restoredId, JSON.stringify(links.projects)],
  );
  await sql(
    `DELETE FROM record_source WHERE record_type = 'Speaker' AND record_id = $1 AND source_id = ANY($2::int[]) AND NOT source_id = ANY($3::int[])`,
    [keptId, links.sources.map((s) => s.source_id), links.keptSources],
  );
  await sql(
    `INSERT INTO record_source (source_id, record_type, record_id, locator) SELECT s.source_id, 'Speaker', $1, s.locator
     FROM jsonb_to_recordset($2::jsonb) AS s(source_id int, locator jsonb) JOIN source ON source.id = s.source_id ON CONFLICT DO NOTHING`,
    [restoredId, JSON.stringify(links.sources)],
  );
  await sql(
    `UPDATE external_id x SET record_id = $1 FROM jsonb_to_recordset($3::jsonb) AS i(source text, id text)
     WHERE x.record_type = 'Speaker' AND x.record_id = $2 AND x.source = i.source AND x.external_id = i.id`,
    [restoredId, keptId, JSON.stringify(links.externalIds)],
  );
  await sql(`UPDATE merge_evidence SET undone_at = now(), undone_by = $2 WHERE id = $1`, [mergeId, actor]);
  return {
    keptId,
    restoredId,
    keptBefore,
    keptAfter: await snapshot(sql, 'Speaker', keptId),
    restored: await snapshot(sql, 'Speaker', restoredId),
  };
}
