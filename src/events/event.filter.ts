import { Field, InputType } from 'type-graphql';
import type { SqlParams } from '../database/sql-params';
import { containsEveryWord } from '../database/sql-params';
import { tables } from '../database/tables';
import { projectIdsNamed } from '../projects/project-match';
import { speakerIsOneOf } from '../speakers/speaker-match';
import { EventFormat } from './event-format.enum';

/** Conditions on a list of events; all given conditions must hold. */
@InputType({ description: 'Conditions on a list of events; every condition given must hold.' })
export class EventFilter {
  @Field(() => [String], { nullable: true, description: 'Events of these series, e.g. `SOFAChannel`, case-insensitively.' })
  series?: string[] | null;

  @Field(() => [EventFormat], { nullable: true, description: 'Events held in these formats.' })
  formats?: EventFormat[] | null;

  @Field(() => [String], { nullable: true, description: 'Events in these cities, case-insensitively.' })
  cities?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Events of these communities, by slug.' })
  communities?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Events with a talk covering any of these projects, by slug, name or alias.' })
  projects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Events where any of these people took part, by ID, name or alias.' })
  speakers?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Events starting at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events starting before this time.' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Events whose title, city, series or description contains every word of this text.' })
  query?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Events no source gives any more (true), for editors to review, or the events in force (false or absent). A withdrawn event has no talk in force, so lists under a project or a speaker never show it.',
  })
  withdrawn?: boolean | null;
}

const e = tables.event.as('e');
const et = tables.talk.as('et');
const tp = tables.talk_project.as('tp');
const ts = tables.talk_speaker.as('ts');
const s = tables.speaker.as('s');
const community = tables.community;

/** The condition that leaves out (or, when asked, keeps only) events withdrawn from their sources. */
export function eventWithdrawnCondition(withdrawn: boolean | null | undefined): string {
  return withdrawn ? `${e.withdrawn_at} IS NOT NULL` : `${e.withdrawn_at} IS NULL`;
}

/** SQL conditions of an event filter over `event e`, its `withdrawn` aside (eventWithdrawnCondition). */
export function eventConditions(filter: EventFilter, params: SqlParams): string[] {
  const where: string[] = [];
  const lowered = (values: string[]) => params.add(values.map((v) => v.trim().toLowerCase()));
  if (filter.series) where.push(`lower(${e.series}) = ANY(${lowered(filter.series)}::text[])`);
  if (filter.formats) where.push(`${e.format} = ANY(${params.add(filter.formats)}::text[])`);
  if (filter.cities) where.push(`lower(${e.city}) = ANY(${lowered(filter.cities)}::text[])`);
  if (filter.communities) {
    where.push(
      `${e.community_id} IN (SELECT ${community.col.id} FROM ${community.name} WHERE ${community.col.slug} = ANY(${lowered(filter.communities)}::text[]))`,
    );
  }
  if (filter.projects) {
    where.push(`EXISTS (SELECT 1 FROM ${et} JOIN ${tp} ON ${tp.talk_id} = ${et.id}
      WHERE ${et.event_id} = ${e.id} AND ${tp.project_id} IN (${projectIdsNamed(filter.projects, params)}))`);
  }
  if (filter.speakers) {
    where.push(`EXISTS (SELECT 1 FROM ${et} JOIN ${ts} ON ${ts.talk_id} = ${et.id} JOIN ${s} ON ${s.id} = ${ts.speaker_id}
      WHERE ${et.event_id} = ${e.id} AND (${speakerIsOneOf('s', filter.speakers, params)}))`);
  }
  if (filter.from) where.push(`${e.starts_at} >= ${params.add(filter.from)}::timestamptz`);
  if (filter.to) where.push(`${e.starts_at} < ${params.add(filter.to)}::timestamptz`);
  if (filter.query?.trim()) where.push(containsEveryWord(e.search_text, filter.query, params));
  return where;
}
