import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';
import { TalkCredit } from './talk-credit';
import { TalkRole } from './talk-role.enum';
import { Talk } from './talk.entity';

const tp = tables.talk_project.as('tp');
const p = tables.project.as('p');
const s = tables.speaker.as('s');

/** Talks' credits from a table of (talk_id, speaker_id, role, position), in agenda order. */
function creditsSql(table: typeof tables.talk_speaker | typeof tables.withdrawn_talk_speaker): string {
  const ts = table.as('ts');
  return `SELECT ${ts.talk_id} AS "__key", ${ts.role}, ${selectColumns(Speaker, 's')}
     FROM ${ts} JOIN ${s} ON ${s.id} = ${ts.speaker_id}
     WHERE ${ts.talk_id} = ANY($1::int[]) ORDER BY ${ts.talk_id}, ${ts.position}, ${s.id}`;
}

const CREDITS_BY_TALK = creditsSql(tables.talk_speaker);
// Credits set aside while a talk is withdrawn (migration SourceRegistry), for editors reviewing it.
const WITHDRAWN_CREDITS_BY_TALK = creditsSql(tables.withdrawn_talk_speaker);

const PROJECTS_BY_TALK = `SELECT ${tp.talk_id} AS "__key", ${selectColumns(Project, 'p')}
       FROM ${tp} JOIN ${p} ON ${p.id} = ${tp.project_id}
       WHERE ${tp.talk_id} = ANY($1::int[]) ORDER BY ${tp.talk_id}, ${p.name}, ${p.id}`;

/** Per-request loaders of talks and of what hangs off a talk. */
export function createTalkLoaders(sql: SqlRunner) {
  return {
    talkById: byIdLoader(sql, Talk, tables.talk.name, 'talk'),
    creditsByTalk: creditsLoader(sql, CREDITS_BY_TALK),
    withdrawnCreditsByTalk: creditsLoader(sql, WITHDRAWN_CREDITS_BY_TALK),
    projectsByTalk: groupedLoader<number, object, Project>(sql, PROJECTS_BY_TALK, (row) => toEntity(Project, row), 'talk'),
  };
}

/** A loader of talks' credits read by `text` (`creditsSql`). */
function creditsLoader(sql: SqlRunner, text: string) {
  return groupedLoader<number, { role: TalkRole }, TalkCredit>(
    sql,
    text,
    (row) => Object.assign(new TalkCredit(), { role: row.role, speaker: toEntity(Speaker, { ...row, role: undefined }) }),
    'talk',
  );
}

declare module '../graphql/context' {
  /** The loaders of talks, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createTalkLoaders> {}
}
