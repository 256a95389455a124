import { tables } from '../database/tables';
import { loadRow } from '../database/write-row';
import { eventMerges } from '../merges/event-merge';
import { EventMerge } from '../merges/event-merge-record';
import { mergeResolver } from '../merges/merge.resolver';
import { Event } from './event.entity';

/** `Event.merges`, `eventMerge` and `eventUnmerge`. */
export const EventMergeResolver = mergeResolver({
  entity: Event,
  spec: eventMerges,
  record: EventMerge,
  merges: (ctx, id) => ctx.loaders.mergesByEvent.load(id),
  load: (sql, id) => loadRow(sql, Event, tables.event, id),
  moves:
    'the talks (a talk of a title the kept event has is merged into that one, as a talk merge of its own), sources, external ids, tags and links, and the fields the kept event lacks,',
});
