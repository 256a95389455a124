import { Field, InputType } from 'type-graphql';
import type { SqlParams } from '../database/sql-params';
import { containsEveryWord } from '../database/sql-params';
import { tables } from '../database/tables';
import { projectIdsNamed } from '../projects/project-match';

/** Conditions on a list of speakers; all given conditions must hold. */
@InputType({ description: 'Conditions on a list of speakers; every condition given must hold.' })
export class SpeakerFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'People who spoke about, or hold a role in, any of these projects (slug, name or alias).',
  })
  projects?: string[] | null;

  @Field(() => String, { nullable: true, description: 'People whose name, alias, affiliation or title contains every word of this text.' })
  query?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'People no talk in force credits, their talks withdrawn or no source giving them any more (true), for editors to review, or the people in force (false or absent). Withdrawn people hold no credit or role while withdrawn, so lists under an event or a project never show them.',
  })
  withdrawn?: boolean | null;
}

const s = tables.speaker.as('s');
const ts = tables.talk_speaker.as('ts');
const tp = tables.talk_project.as('tp');
const sp = tables.speaker_project.as('sp');

/** The condition that leaves out (or, when asked, keeps only) people withdrawn from their sources. */
export function speakerWithdrawnCondition(withdrawn: boolean | null | undefined): string {
  return withdrawn ? `${s.withdrawn_at} IS NOT NULL` : `${s.withdrawn_at} IS NULL`;
}

/** SQL conditions of a speaker filter over `speaker s`. */
export function speakerConditions(filter: SpeakerFilter, params: SqlParams): string[] {
  const where: string[] = [speakerWithdrawnCondition(filter.withdrawn)];
  if (filter.projects) {
    const ids = projectIdsNamed(filter.projects, params);
    where.push(`EXISTS (SELECT 1 FROM ${ts} JOIN ${tp} ON ${tp.talk_id} = ${ts.talk_id} WHERE ${ts.speaker_id} = ${s.id} AND ${tp.project_id} IN (${ids}))
      OR EXISTS (SELECT 1 FROM ${sp} WHERE ${sp.speaker_id} = ${s.id} AND ${sp.project_id} IN (${ids}))`);
  }
  if (filter.query?.trim()) where.push(containsEveryWord(s.search_text, filter.query, params));
  return where;
}
