import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import { Project } from '../projects/project.entity';
import { SpeakerProjectRole } from './speaker-project-role';
import { Speaker } from './speaker.entity';

const ts = tables.talk_speaker.as('ts');
const tp = tables.talk_project.as('tp');
const sp = tables.speaker_project.as('sp');
const p = tables.project.as('p');

// A row per talk about a project (counting 1) and per standing role (0), summed per project.
const PROJECTS_BY_SPEAKER = `SELECT x.speaker_id AS "__key", ${selectColumns(Project, 'p')}
       FROM (SELECT ${ts.speaker_id}, ${tp.project_id}, 1 AS talks FROM ${ts} JOIN ${tp} ON ${tp.talk_id} = ${ts.talk_id}
               WHERE ${ts.speaker_id} = ANY($1::int[])
             UNION ALL SELECT ${sp.speaker_id}, ${sp.project_id}, 0 FROM ${sp} WHERE ${sp.speaker_id} = ANY($1::int[])) x
       JOIN ${p} ON ${p.id} = x.project_id
       GROUP BY x.speaker_id, ${p.id} ORDER BY x.speaker_id, sum(x.talks) DESC, ${p.name}, ${p.id}`;

const PROJECT_ROLES_BY_SPEAKER = `SELECT ${sp.speaker_id} AS "__key", ${sp.role} AS "__role", ${selectColumns(Project, 'p')}
       FROM ${sp} JOIN ${p} ON ${p.id} = ${sp.project_id}
       WHERE ${sp.speaker_id} = ANY($1::int[]) ORDER BY ${sp.speaker_id}, ${p.name}, ${p.id}`;

/** Per-request loaders of speakers and of what hangs off a speaker. */
export function createSpeakerLoaders(sql: SqlRunner) {
  return {
    speakerById: byIdLoader(sql, Speaker, tables.speaker.name),
    /** Projects a person spoke about or holds a role in, most talked about first. */
    projectsBySpeaker: groupedLoader<number, object, Project>(sql, PROJECTS_BY_SPEAKER, (row) => toEntity(Project, row)),
    projectRolesBySpeaker: groupedLoader<number, { __role: string | null }, SpeakerProjectRole>(sql, PROJECT_ROLES_BY_SPEAKER, (row) =>
      Object.assign(new SpeakerProjectRole(), { role: row.__role, project: toEntity(Project, row) }),
    ),
  };
}

declare module '../graphql/context' {
  /** The loaders of speakers, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createSpeakerLoaders> {}
}
