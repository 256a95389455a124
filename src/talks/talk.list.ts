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
    project: (ref) => `EXISTS (SELECT 1 FROM talk_project rp WHERE rp.talk_id = t.id AND rp.project_id = ${ref})`,
    speaker: (ref) => `EXISTS (SELECT 1 FROM talk_speaker rs WHERE rs.talk_id = t.id AND rs.speaker_id = ${ref})`,
  },
  map: (row) => toEntity(Talk, row),
};
