import { fromJson } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import type { ListDefinition } from '../lists/list-definition';
import { SpeakerFilter, speakerConditions } from './speaker.filter';
import { SpeakerOrderField, speakerSortKeys } from './speaker.order';
import { Speaker } from './speaker.entity';

/** How speakers are listed, at the root and under an event or a project. */
export const speakerList: ListDefinition<Speaker, SpeakerFilter, SpeakerOrderField> = {
  name: 'speakers',
  from: 'speaker s',
  columns: (fields) => selectColumns(Speaker, 's', fields),
  id: 's.id',
  sort: speakerSortKeys,
  filter: speakerConditions,
  parents: {
    event: (ref) =>
      `EXISTS (SELECT 1 FROM talk_speaker rs JOIN talk rt ON rt.id = rs.talk_id WHERE rs.speaker_id = s.id AND rt.event_id = ${ref})`,
    // The project's people: a tally row per speaker who spoke about the project or holds a role
    // in it, kept on write, and the number of such rows is kept too.
    project: {
      from: 'project_speaker_tally pt JOIN speaker s ON s.id = pt.speaker_id',
      condition: (ref) => `pt.project_id = ${ref}`,
      id: 's.id',
      sort: {},
      count: (ref) => `SELECT pt.people FROM project_tally pt WHERE pt.project_id = ${ref}`,
    },
  },
  map: (row) => fromJson(Speaker, row),
};
