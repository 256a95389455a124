import { Field, InputType } from 'type-graphql';
import type { SqlParams } from '../database/sql-params';
import { containsEveryWord } from '../database/sql-params';
import { tables } from '../database/tables';
import { EventFormat } from '../events/event-format.enum';
import { eventConditions } from '../events/event.filter';
import { tryGlobalId } from '../graphql/global-id';
import { projectIdsNamed } from '../projects/project-match';
import { speakerIsOneOf } from '../speakers/speaker-match';
import { TalkKind } from './talk-kind.enum';

/** Conditions on a list of talks; all given conditions must hold. */
@InputType({ description: 'Conditions on a list of talks; every condition given must hold.' })
export class TalkFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Talks covering any of these projects, by slug, name or any former name or alias, case-insensitively.',
  })
  projects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Talks given by any of these speakers, by ID, name or alias (花名).' })
  speakers?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Talks at any of these events, by ID or slug.' })
  events?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Talks at events of these series, e.g. `SOFAMeetup`.' })
  series?: string[] | null;

  @Field(() => [EventFormat], { nullable: true, description: 'Talks at events held in these formats.' })
  formats?: EventFormat[] | null;

  @Field(() => [String], { nullable: true, description: 'Talks at events in these cities.' })
  cities?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Talks at events of these communities, by slug.' })
  communities?: string[] | null;

  @Field(() => [TalkKind], { nullable: true, description: 'Talks of these kinds.' })
  kinds?: TalkKind[] | null;

  @Field(() => Date, { nullable: true, description: 'Talks given at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Talks given before this time.' })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Talks whose title or abstract contains every word of this text (Chinese and English).',
  })
  query?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Talks with (true) or without (false) slides.' })
  hasSlides?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Talks with (true) or without (false) a recording.' })
  hasVideo?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Talks their source no longer lists (true), for editors to review, or the talks in force (false or absent). Withdrawn talks keep no speaker or project links while withdrawn, so lists under a speaker or project never show them.',
  })
  withdrawn?: boolean | null;
}

// The aliases of the list's FROM (talk.list.ts): `talk t JOIN event e`.
const t = tables.talk.as('t');
const e = tables.event.as('e');
const tp = tables.talk_project.as('tp');
const ts = tables.talk_speaker.as('ts');
const s = tables.speaker.as('s');

/** The condition that leaves out (or, when asked, keeps only) talks withdrawn from their source. */
export function withdrawnCondition(withdrawn: boolean | null | undefined): string {
  return withdrawn ? `${t.withdrawn_at} IS NOT NULL` : `${t.withdrawn_at} IS NULL`;
}

/** SQL conditions of a talk filter over `talk t JOIN event e`. */
export function talkConditions(filter: TalkFilter, params: SqlParams): string[] {
  const where = eventConditions(
    { series: filter.series, formats: filter.formats, cities: filter.cities, communities: filter.communities },
    params,
  );
  where.push(withdrawnCondition(filter.withdrawn));
  if (filter.projects) {
    where.push(
      `EXISTS (SELECT 1 FROM ${tp} WHERE ${tp.talk_id} = ${t.id} AND ${tp.project_id} IN (${projectIdsNamed(filter.projects, params)}))`,
    );
  }
  if (filter.speakers) {
    where.push(
      `EXISTS (SELECT 1 FROM ${ts} JOIN ${s} ON ${s.id} = ${ts.speaker_id} WHERE ${ts.talk_id} = ${t.id} AND (${speakerIsOneOf('s', filter.speakers, params)}))`,
    );
  }
  if (filter.events) {
    const ids: number[] = [];
    const slugs: string[] = [];
    for (const ref of filter.events) {
      const id = tryGlobalId(ref, 'Event');
      if (id === null) slugs.push(ref);
      else ids.push(id);
    }
    where.push(`${t.event_id} = ANY(${params.add(ids)}::int[]) OR ${e.slug} = ANY(${params.add(slugs)}::text[])`);
  }
  if (filter.kinds) where.push(`${t.kind} = ANY(${params.add(filter.kinds)}::text[])`);
  const when = `coalesce(${t.starts_at}, ${e.starts_at})`;
  if (filter.from) where.push(`${when} >= ${params.add(filter.from)}::timestamptz`);
  if (filter.to) where.push(`${when} < ${params.add(filter.to)}::timestamptz`);
  if (filter.query?.trim()) where.push(containsEveryWord(t.search_text, filter.query, params));
  if (filter.hasSlides != null) where.push(`${t.slides_url} IS ${filter.hasSlides ? 'NOT ' : ''}NULL`);
  if (filter.hasVideo != null) where.push(`${t.video_url} IS ${filter.hasVideo ? 'NOT ' : ''}NULL`);
  return where;
}
