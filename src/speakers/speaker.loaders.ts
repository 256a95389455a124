import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { Project } from '../projects/project.entity';
import { SpeakerProjectRole } from './speaker-project-role';
import { Speaker } from './speaker.entity';

/** Per-request loaders of speakers and of what hangs off a speaker. */
export function createSpeakerLoaders(sql: SqlRunner) {
  return {
    speakerById: byIdLoader(sql, Speaker, 'speaker'),
    /** Projects a person spoke about or holds a role in, most talked about first. */
    projectsBySpeaker: groupedLoader<number, object, Project>(
      sql,
      `SELECT x.speaker_id AS "__key", ${selectColumns(Project, 'p')}
       FROM (SELECT ts.speaker_id, tp.project_id, 1 AS talks FROM talk_speaker ts JOIN talk_project tp ON tp.talk_id = ts.talk_id
               WHERE ts.speaker_id = ANY($1::int[])
             UNION ALL SELECT sp.speaker_id, sp.project_id, 0 FROM speaker_project sp WHERE sp.speaker_id = ANY($1::int[])) x
       JOIN project p ON p.id = x.project_id
       GROUP BY x.speaker_id, p.id ORDER BY x.speaker_id, sum(x.talks) DESC, p.name, p.id`,
      (row) => toEntity(Project, row),
    ),
    projectRolesBySpeaker: groupedLoader<number, { __role: string | null }, SpeakerProjectRole>(
      sql,
      `SELECT sp.speaker_id AS "__key", sp.role AS "__role", ${selectColumns(Project, 'p')}
       FROM speaker_project sp JOIN project p ON p.id = sp.project_id
       WHERE sp.speaker_id = ANY($1::int[]) ORDER BY sp.speaker_id, p.name, p.id`,
      (row) => Object.assign(new SpeakerProjectRole(), { role: row.__role, project: toEntity(Project, row) }),
    ),
  };
}
