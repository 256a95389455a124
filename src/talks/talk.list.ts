import { selectColumns, toEntity } from '../database/select-columns';
import type { ListDefinition } from '../graphql/list-definition';
import { TalkFilter, talkConditions } from './talk.filter';
import { TalkOrderField, talkSortKeys } from './talk.order';
import { Talk } from './talk.entity';

/** How talks are listed, at the root and under an event, a project or a speaker. */
export const talkList: ListDefinition<Talk, TalkFilter, TalkOrderField> = {
  name: 'talks',
  from: 'talk t JOIN event e ON e.id = t.event_id',
  columns: selectColumns(Talk, 't'),
  id: 't.id',
  sort: talkSortKeys,
  filter: talkConditions,
  parents: {
    event: (ref) => `t.event_id = ${ref}`,
    // The link tables carry each talk's date key and position, indexed by parent: a page of a
    // project's newest talks reads one page of index entries.
    project: {
      from: 'talk_project rp JOIN talk t ON t.id = rp.talk_id JOIN event e ON e.id = t.event_id',
      condition: (ref) => `rp.project_id = ${ref}`,
      id: 'rp.talk_id',
      sort: { DATE: [{ sql: 'rp.talk_date_key', type: 'timestamptz' }, { sql: 'rp.talk_position', type: 'int' }] },
    },
    speaker: {
      from: 'talk_speaker rs JOIN talk t ON t.id = rs.talk_id JOIN event e ON e.id = t.event_id',
      condition: (ref) => `rs.speaker_id = ${ref}`,
      id: 'rs.talk_id',
      sort: { DATE: [{ sql: 'rs.talk_date_key', type: 'timestamptz' }, { sql: 'rs.talk_position', type: 'int' }] },
    },
  },
  map: (row) => toEntity(Talk, row),
};
