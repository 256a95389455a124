import { fromJson, jsonColumns } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import { tables } from '../database/tables';
import { Event } from '../events/event.entity';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { TalkCredit } from './talk-credit';
import { TalkRole } from './talk-role.enum';
import type { ListDefinition } from '../lists/list-definition';
import { fieldNames } from '../lists/lookahead';
import { cardColumn, cardServes } from './talk-card';
import { embedInTalk } from './talk-embeds';
import { TalkFilter, talkConditions, withdrawnCondition } from './talk.filter';
import { TalkOrderField, talkSortKeys } from './talk.order';
import { Talk } from './talk.entity';

const t = tables.talk.as('t');
const e = tables.event.as('e');
const rp = tables.talk_project.as('rp');
const rs = tables.talk_speaker.as('rs');
const pt = tables.project_tally.as('pt');
// The embeds' own aliases, apart from the page's.
const ets = tables.talk_speaker.as('ets');
const es = tables.speaker.as('es');
const ep = tables.project.as('ep');
const etp = tables.talk_project.as('etp');

/** How talks are listed, at the root and under an event, a project or a speaker. */
export const talkList: ListDefinition<Talk, TalkFilter, TalkOrderField> = {
  name: 'talks',
  from: `${t} JOIN ${e} ON ${e.id} = ${t.event_id}`,
  columns: (fields) => selectColumns(Talk, 't', fields),
  id: t.id,
  sort: talkSortKeys,
  filter: talkConditions,
  unfiltered: [withdrawnCondition(false)],
  parents: {
    event: (ref) => `${t.event_id} = ${ref}`,
    // The link tables carry each talk's date key and position, indexed by parent: a page of a
    // project's newest talks reads one page of index entries. A project's count is kept on write.
    project: {
      from: `${rp} JOIN ${t} ON ${t.id} = ${rp.talk_id} JOIN ${e} ON ${e.id} = ${t.event_id}`,
      condition: (ref) => `${rp.project_id} = ${ref}`,
      id: rp.talk_id,
      sort: {
        DATE: [
          { sql: rp.talk_date_key, type: 'timestamptz' },
          { sql: rp.talk_position, type: 'int' },
        ],
      },
      count: (ref) => `SELECT ${pt.talks} FROM ${pt} WHERE ${pt.project_id} = ${ref}`,
    },
    speaker: {
      from: `${rs} JOIN ${t} ON ${t.id} = ${rs.talk_id} JOIN ${e} ON ${e.id} = ${t.event_id}`,
      condition: (ref) => `${rs.speaker_id} = ${ref}`,
      id: rs.talk_id,
      sort: {
        DATE: [
          { sql: rs.talk_date_key, type: 'timestamptz' },
          { sql: rs.talk_position, type: 'int' },
        ],
      },
      countFrom: `${rs}`,
    },
  },
  map: (row) => fromJson(Talk, row),
  // Every path, condition (talkConditions), sort key and embed reads the keyed tables only about
  // the page's own talks: those of the event, project or speaker.
  keyedParents: { event: 'event', project: 'project', speaker: 'speaker' },
  // The same rows and order as the event, credit and project loaders read, with only the
  // columns the query selects, or the talk's card when it holds them all; each talk keeps its
  // own (see talk-embeds.ts).
  embeds: [
    {
      name: 'event',
      fields: ['event'],
      select: (selection) => jsonColumns(Event, 'e', fieldNames(selection.get('event'))),
      attach: (talk, value) => embedInTalk(talk, 'event', fromJson(Event, value as Record<string, unknown>)),
    },
    {
      name: 'credits',
      fields: ['speakers', 'credits'],
      select: (selection) => {
        const fields = fieldNames(selection.get('speakers'), selection.get('credits')?.get('speaker'));
        if (cardServes(Speaker, fields)) return cardColumn('credits');
        const speaker = jsonColumns(Speaker, 'es', fields);
        return `(SELECT coalesce(json_agg(json_build_object('role', ${ets.role}, 'speaker', ${speaker}) ORDER BY ${ets.position}, ${es.id}), '[]')
          FROM ${ets} JOIN ${es} ON ${es.id} = ${ets.speaker_id} WHERE ${ets.talk_id} = ${t.id})`;
      },
      attach: (talk, value) =>
        embedInTalk(
          talk,
          'credits',
          (value as { role: TalkRole; speaker: Record<string, unknown> }[]).map((credit) =>
            Object.assign(new TalkCredit(), { role: credit.role, speaker: fromJson(Speaker, credit.speaker) }),
          ),
        ),
    },
    {
      name: 'projects',
      fields: ['projects'],
      select: (selection) => {
        const fields = fieldNames(selection.get('projects'));
        if (cardServes(Project, fields)) return cardColumn('projects');
        // By id list rather than a join: a join per talk hashed the whole (small) project table each time.
        return `(SELECT coalesce(json_agg(${jsonColumns(Project, 'ep', fields)} ORDER BY ${ep.name}, ${ep.id}), '[]')
          FROM ${ep} WHERE ${ep.id} = ANY(ARRAY(SELECT ${etp.project_id} FROM ${etp} WHERE ${etp.talk_id} = ${t.id})))`;
      },
      attach: (talk, value) =>
        embedInTalk(
          talk,
          'projects',
          (value as Record<string, unknown>[]).map((project) => fromJson(Project, project)),
        ),
    },
  ],
};
