import { fromJson } from '../database/json-columns';
import { selectColumns } from '../database/select-columns';
import type { ListDefinition } from '../graphql/list-definition';
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
    event: (ref) => `EXISTS (SELECT 1 FROM talk_speaker rs JOIN talk rt ON rt.id = rs.talk_id WHERE rs.speaker_id = s.id AND rt.event_id = ${ref})`,
    // Everyone who spoke about the project, and everyone with a standing role in it. One IN over
    // a UNION, not two ORed EXISTS: PostgreSQL turns it into one hashed set per project instead
    // of two probes per speaker (a tenth of the time for a project with thousands of talks).
    project: (ref) => `s.id IN (SELECT rs.speaker_id FROM talk_project rp JOIN talk_speaker rs ON rs.talk_id = rp.talk_id WHERE rp.project_id = ${ref}
      UNION ALL SELECT sp.speaker_id FROM speaker_project sp WHERE sp.project_id = ${ref})`,
  },
  map: (row) => fromJson(Speaker, row),
};
