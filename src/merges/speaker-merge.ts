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

// Each link of the absorbed record, and which of them the kept record already had, so undoing
// the merge gives back exactly what moved and nothing the kept record held before.
const LINKS = `SELECT jsonb_build_object(
  'credits', (SELECT coalesce(jsonb_agg(jsonb_build_object('talk_id', talk_id, 'role', role, 'position', position)), '[]') FROM talk_speaker WHERE speaker_id = $2),
  'withdrawnCredits', (SELECT coalesce(jsonb_agg(jsonb_build_object('talk_id', talk_id, 'role', role, 'position', position)), '[]') FROM withdrawn_talk_speaker WHERE speaker_id = $2),
  'projects', (SELECT coalesce(jsonb_agg(jsonb_build_object('project_id', project_id, 'role', role)), '[]') FROM speaker_project WHERE speaker_id = $2),
  'sources', (SELECT coalesce(jsonb_agg(jsonb_build_object('source_id', source_id, 'locator', locator)), '[]') FROM record_source WHERE record_type = 'Speaker' AND record_id = $2),
  'externalIds', (SELECT coalesce(jsonb_agg(jsonb_build_object('source', source, 'id', external_id)), '[]') FROM external_id WHERE record_type = 'Speaker' AND record_id = $2),
  'keptTalks', (SELECT coalesce(jsonb_agg(talk_id), '[]') FROM (SELECT talk_id FROM talk_speaker WHERE speaker_id = $1 UNION SELECT talk_id FROM withdrawn_talk_speaker WHERE speaker_id = $1) k),
  'keptProjects', (SELECT coalesce(jsonb_agg(project_id), '[]') FROM speaker_project WHERE speaker_id = $1),
  'keptSources', (SELECT coalesce(jsonb_agg(source_id), '[]') FROM record_source WHERE record_type = 'Speaker' AND record_id = $1)
) AS links`;

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
  await sql(`SELECT 1 FROM speaker WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [[keptId, absorbedId]]);
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
  // Where both are credited on one talk, the kept record's credit stands.
  for (const table of ['talk_speaker', 'withdrawn_talk_speaker']) {
    await sql(
      `INSERT INTO ${table} (talk_id, speaker_id, role, position) SELECT talk_id, $1, role, position FROM ${table} WHERE speaker_id = $2
       ON CONFLICT (talk_id, speaker_id) DO NOTHING`,
      [keptId, absorbedId],
    );
  }
  await sql(
    `INSERT INTO speaker_project (speaker_id, project_id, role) SELECT $1, project_id, role FROM speaker_project WHERE speaker_id = $2
     ON CONFLICT (speaker_id, project_id) DO UPDATE SET role = coalesce(speaker_project.role, EXCLUDED.role)`,
    [keptId, absorbedId],
  );
  await sql(
    `INSERT INTO record_source (source_id, record_type, record_id, locator) SELECT source_id, record_type, $1, locator FROM record_source
     WHERE record_type = 'Speaker' AND record_id = $2 ON CONFLICT (source_id, record_type, record_id) DO NOTHING`,
    [keptId, absorbedId],
  );
  await sql(`DELETE FROM record_source WHERE record_type = 'Speaker' AND record_id = $1`, [absorbedId]);
  // The ids sources gave the absorbed record name the kept one from now on.
  await sql(`UPDATE external_id SET record_id = $1 WHERE record_type = 'Speaker' AND record_id = $2`, [keptId, absorbedId]);
  await sql(`DELETE FROM speaker WHERE id = $1`, [absorbedId]);
  // The absorbed name is how pages knew the person; kept as the alias when there is none.
  await sql(
    `UPDATE speaker s SET alias = coalesce(s.alias, d.alias, CASE WHEN d.name <> s.name THEN d.name END),
       affiliation = coalesce(s.affiliation, d.affiliation), title = coalesce(s.title, d.title), bio = coalesce(s.bio, d.bio), updated_at = now()
     FROM jsonb_to_record($2::jsonb) AS d(name text, alias text, affiliation text, title text, bio text) WHERE s.id = $1`,
    [keptId, JSON.stringify(absorbed)],
  );
  const keptAfter = await snapshot(sql, 'Speaker', keptId);
  const [{ id }] = await sql<{ id: number }>(
    `INSERT INTO merge_evidence (kind, kept_id, absorbed_id, absorbed, kept_before, kept_after, rule, evidence, source_id, merged_by)
     VALUES ('SPEAKER', $1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6, $7::jsonb, $8, $9) RETURNING id`,
    [
      keptId,
      absorbedId,
      JSON.stringify({ row: absorbed, links }),
      JSON.stringify(keptBefore),
      JSON.stringify(keptAfter),
      decision.rule,
      JSON.stringify(decision.evidence),
      decision.sourceId ?? null,
      decision.actor ?? null,
    ],
  );
  return { mergeId: id, keptBefore, keptAfter, absorbed };
}

/** Whether an editor undid a merge of these two speakers: their word that they are two people. */
export async function keptApart(sql: SqlRunner, a: number, b: number): Promise<boolean> {
  const rows = await sql(
    `SELECT 1 FROM merge_evidence WHERE kind = 'SPEAKER' AND undone_at IS NOT NULL
       AND ((kept_id = $1 AND absorbed_id = $2) OR (kept_id = $2 AND absorbed_id = $1)) LIMIT 1`,
    [a, b],
  );
  return rows.length > 0;
}
