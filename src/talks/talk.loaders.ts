import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { TalkCredit } from './talk-credit';
import { TalkRole } from './talk-role.enum';
import { Talk } from './talk.entity';

/** Per-request loaders of talks and of what hangs off a talk. */
export function createTalkLoaders(sql: SqlRunner) {
  return {
    talkById: byIdLoader(sql, Talk, 'talk', 'talk'),
    creditsByTalk: creditsLoader(sql, 'talk_speaker'),
    // Credits set aside while a talk is withdrawn (migration SourceRegistry), for editors reviewing it.
    withdrawnCreditsByTalk: creditsLoader(sql, 'withdrawn_talk_speaker'),
    projectsByTalk: groupedLoader<number, object, Project>(
      sql,
      `SELECT tp.talk_id AS "__key", ${selectColumns(Project, 'p')}
       FROM talk_project tp JOIN project p ON p.id = tp.project_id
       WHERE tp.talk_id = ANY($1::int[]) ORDER BY tp.talk_id, p.name, p.id`,
      (row) => toEntity(Project, row),
      'talk',
    ),
  };
}

/** A loader of talks' credits from a table of (talk_id, speaker_id, role, position), in agenda order. */
function creditsLoader(sql: SqlRunner, table: 'talk_speaker' | 'withdrawn_talk_speaker') {
  return groupedLoader<number, { role: TalkRole }, TalkCredit>(
    sql,
    `SELECT ts.talk_id AS "__key", ts.role, ${selectColumns(Speaker, 's')}
     FROM ${table} ts JOIN speaker s ON s.id = ts.speaker_id
     WHERE ts.talk_id = ANY($1::int[]) ORDER BY ts.talk_id, ts.position, s.id`,
    (row) => Object.assign(new TalkCredit(), { role: row.role, speaker: toEntity(Speaker, { ...row, role: undefined }) }),
    'talk',
  );
}
