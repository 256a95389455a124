import { tables } from '../database/tables';
import { loadRow } from '../database/write-row';
import { mergeResolver } from '../merges/merge.resolver';
import { talkMerges } from '../merges/talk-merge';
import { TalkMerge } from '../merges/talk-merge-record';
import { Talk } from './talk.entity';

/** `Talk.merges`, `talkMerge` and `talkUnmerge`. */
export const TalkMergeResolver = mergeResolver({
  entity: Talk,
  spec: talkMerges,
  record: TalkMerge,
  merges: (ctx, id) => ctx.loaders.mergesByTalk.load(id),
  load: (sql, id) => loadRow(sql, Talk, tables.talk, id),
  moves:
    'the credits, project tags, sources and external ids, and the abstract, slides, recording, time, room and links the kept talk lacks,',
});
