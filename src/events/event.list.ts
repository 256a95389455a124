import { fromJson } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import { tables } from '../database/tables';
import type { ListDefinition } from '../lists/list-definition';
import { EventFilter, eventConditions, eventWithdrawnCondition } from './event.filter';
import { EventOrderField, eventSortKeys } from './event.order';
import { Event } from './event.entity';

const e = tables.event.as('e');
// Each tally goes by `pt` in its statement.
const pet = tables.project_event_tally.as('pt');
const pt = tables.project_tally.as('pt');
const rt = tables.talk.as('rt');
const rs = tables.talk_speaker.as('rs');

/** How events are listed, at the root and under a project or a speaker. */
export const eventList: ListDefinition<Event, EventFilter, EventOrderField> = {
  name: 'events',
  from: `${e}`,
  columns: (fields) => selectColumns(Event, 'e', fields),
  id: e.id,
  sort: eventSortKeys,
  filter: (filter, params) => [...eventConditions(filter, params), eventWithdrawnCondition(filter.withdrawn)],
  unfiltered: [eventWithdrawnCondition(false)],
  parents: {
    // The tally has a row per project and event while a talk of the event covers the project,
    // and the number of such rows is kept too.
    project: {
      from: `${pet} JOIN ${e} ON ${e.id} = ${pet.event_id}`,
      condition: (ref) => `${pet.project_id} = ${ref}`,
      id: e.id,
      sort: {},
      count: (ref) => `SELECT ${pt.events} FROM ${pt} WHERE ${pt.project_id} = ${ref}`,
    },
    speaker: (ref) =>
      `EXISTS (SELECT 1 FROM ${rt} JOIN ${rs} ON ${rs.talk_id} = ${rt.id} WHERE ${rt.event_id} = ${e.id} AND ${rs.speaker_id} = ${ref})`,
    community: (ref) => `${e.community_id} = ${ref}`,
  },
  map: (row) => fromJson(Event, row),
};
