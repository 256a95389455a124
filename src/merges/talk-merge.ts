import { type TableName, tables } from '../database/tables';
import { coalesce, type LinkTable, type MergeSpec, provenanceLinks, unionJsonArray } from './merge-spec';

const { talk, talk_project, talk_speaker, withdrawn_talk_project, withdrawn_talk_speaker } = tables;

/** A talk's links to speakers or projects (in force, or parked while it is withdrawn), owned by the talk. */
const talkLinks = (
  [table, parked, otherTable]: [TableName, TableName, TableName],
  other: string,
  extra: readonly string[],
  names: { rows: string; parked: string; kept: string },
): LinkTable => ({
  rows: names.rows,
  kept: names.kept,
  table,
  owner: talk_speaker.col.talk_id,
  other,
  extra,
  otherTable,
  parked: { table: parked, rows: names.parked },
});

/**
 * How talks merge: credits, project tags, sources and external ids move to the kept talk (a
 * speaker or project it has already keeps its own link), and it takes the abstract, slides,
 * recording, time, place and links it lacks. The kept talk stays in its event.
 */
export const talkMerges: MergeSpec<'talk'> = {
  kind: 'TALK',
  type: 'Talk',
  table: talk,
  plural: 'talks',
  fills: {
    abstract: coalesce,
    starts_at: coalesce,
    ends_at: coalesce,
    slides_url: coalesce,
    video_url: coalesce,
    room: coalesce,
    track: coalesce,
    language: coalesce,
    links: unionJsonArray,
  },
  links: [
    talkLinks(
      [talk_speaker.name, withdrawn_talk_speaker.name, tables.speaker.name],
      talk_speaker.col.speaker_id,
      [talk_speaker.col.role, talk_speaker.col.position],
      { rows: 'credits', parked: 'withdrawnCredits', kept: 'keptSpeakers' },
    ),
    talkLinks([talk_project.name, withdrawn_talk_project.name, tables.project.name], talk_project.col.project_id, [], {
      rows: 'projects',
      parked: 'withdrawnProjects',
      kept: 'keptProjects',
    }),
    provenanceLinks('Talk'),
  ],
  unique: {
    columns: [talk.col.event_id, talk.col.title_key],
    taken: (row) => `Another talk of its event is now titled "${String(row.title)}"; rename or merge it before undoing this merge.`,
  },
  parents: [
    {
      column: talk.col.event_id,
      table: tables.event.name,
      gone: "The absorbed talk's event was deleted or merged into another since; undo that first (`eventUnmerge`).",
    },
  ],
};
