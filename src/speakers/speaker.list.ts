import { fromJson } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import { tables } from '../database/tables';
import type { ListDefinition } from '../lists/list-definition';
import { SpeakerFilter, speakerConditions, speakerWithdrawnCondition } from './speaker.filter';
import { SpeakerOrderField, speakerSortKeys } from './speaker.order';
import { Speaker } from './speaker.entity';

const s = tables.speaker.as('s');
const rs = tables.talk_speaker.as('rs');
const rt = tables.talk.as('rt');
// Each tally goes by `pt` in its statement.
const pst = tables.project_speaker_tally.as('pt');
const pt = tables.project_tally.as('pt');

/** How speakers are listed, at the root and under an event or a project. */
export const speakerList: ListDefinition<Speaker, SpeakerFilter, SpeakerOrderField> = {
  name: 'speakers',
  from: `${s}`,
  columns: (fields) => selectColumns(Speaker, 's', fields),
  id: s.id,
  sort: speakerSortKeys,
  filter: speakerConditions,
  unfiltered: [speakerWithdrawnCondition(false)],
  parents: {
    event: (ref) =>
      `EXISTS (SELECT 1 FROM ${rs} JOIN ${rt} ON ${rt.id} = ${rs.talk_id} WHERE ${rs.speaker_id} = ${s.id} AND ${rt.event_id} = ${ref})`,
    // The project's people: a tally row per speaker who spoke about the project or holds a role
    // in it, kept on write, and the number of such rows is kept too.
    project: {
      from: `${pst} JOIN ${s} ON ${s.id} = ${pst.speaker_id}`,
      condition: (ref) => `${pst.project_id} = ${ref}`,
      id: s.id,
      sort: {},
      count: (ref) => `SELECT ${pt.people} FROM ${pt} WHERE ${pt.project_id} = ${ref}`,
    },
  },
  map: (row) => fromJson(Speaker, row),
};
