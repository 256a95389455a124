import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import { mergeRecords, unmergeRecords } from './merge-records';
import { coalesce, type MergeDecision, type MergeDone, type MergeSpec, provenanceLinks, type UnmergeDone } from './merge-spec';
import { keptApart } from './merge-store';

const { speaker, speaker_project, talk_speaker, withdrawn_talk_speaker } = tables;

/**
 * How speakers merge: every credit (withdrawn talks' too), project role, source and external id
 * moves over; the kept record takes the fields it lacks, the absorbed name becoming its alias
 * when it has none (it is how pages knew the person).
 */
export const speakerMerges: MergeSpec<'speaker'> = {
  kind: 'SPEAKER',
  type: 'Speaker',
  table: speaker,
  plural: 'speakers',
  fills: {
    alias: (k, d) => `coalesce(${k}, ${d}, CASE WHEN d.name <> k.name THEN d.name END)`,
    affiliation: coalesce,
    title: coalesce,
    bio: coalesce,
  },
  links: [
    {
      rows: 'credits',
      kept: 'keptTalks',
      table: talk_speaker.name,
      owner: talk_speaker.col.speaker_id,
      other: talk_speaker.col.talk_id,
      extra: [talk_speaker.col.role, talk_speaker.col.position],
      otherTable: tables.talk.name,
      parked: { table: withdrawn_talk_speaker.name, rows: 'withdrawnCredits' },
    },
    {
      rows: 'projects',
      kept: 'keptProjects',
      table: speaker_project.name,
      owner: speaker_project.col.speaker_id,
      other: speaker_project.col.project_id,
      extra: [speaker_project.col.role],
      otherTable: tables.project.name,
      onConflict: `(${speaker_project.list('speaker_id', 'project_id')}) DO UPDATE SET role = coalesce(${speaker_project.name}.role, EXCLUDED.role)`,
    },
    provenanceLinks('Speaker'),
  ],
  // A withdrawn record's project roles are set aside (migration WithdrawnEventsAndSpeakers) and
  // would go with its row: both come back in force first, so every role moves and is restorable;
  // the next sync of a source that gave them withdraws the kept one again if nothing holds it.
  async prepare(sql, keptId, absorbedId) {
    await sql(
      `UPDATE ${speaker.name} SET ${speaker.col.withdrawn_at} = NULL WHERE ${speaker.col.id} = ANY($1::int[]) AND ${speaker.col.withdrawn_at} IS NOT NULL`,
      [[keptId, absorbedId]],
    );
  },
  unique: {
    columns: [speaker.col.name_key],
    taken: (row) => `Another speaker is now named "${String(row.name)}"; rename or merge it before undoing this merge.`,
  },
};

/** Folds speaker `absorbedId` into `keptId` (see `mergeRecords`). */
export function mergeSpeakers(sql: SqlRunner, keptId: number, absorbedId: number, decision: MergeDecision): Promise<MergeDone> {
  return mergeRecords(sql, speakerMerges, keptId, absorbedId, decision);
}

/** Undoes a merge of speakers (see `unmergeRecords`). */
export function unmergeSpeaker(sql: SqlRunner, mergeId: number, actor: string): Promise<UnmergeDone> {
  return unmergeRecords(sql, speakerMerges, mergeId, actor);
}

/** Whether an editor undid a merge of these two speakers: their word that they are two people. */
export function speakersKeptApart(sql: SqlRunner, a: number, b: number): Promise<boolean> {
  return keptApart(sql, 'SPEAKER', a, b);
}
