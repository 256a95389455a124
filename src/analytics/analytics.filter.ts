import { Field, InputType } from 'type-graphql';
import { whereSql } from '../lists/keyset-page';
import type { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { EventFormat } from '../events/event-format.enum';
import { badInput } from '../graphql/bad-input';
import { projectIdsNamed } from '../projects/project-match';
import { talkConditions } from '../talks/talk.filter';

/** The slice of the graph every analytics figure is computed over: the filters of the lists. */
@InputType({
  description:
    'The slice of the graph the figures are computed over; every condition given must hold. The same conditions as the lists of events and talks.',
})
export class AnalyticsFilter {
  @Field(() => Date, { nullable: true, description: 'Only what happened at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only what happened before this time.' })
  to?: Date | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only talks covering any of these projects (slug, name or alias), and only these projects in per-project figures.',
  })
  projects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only events of these series, case-insensitively.' })
  series?: string[] | null;

  @Field(() => [EventFormat], { nullable: true, description: 'Only events held in these formats.' })
  formats?: EventFormat[] | null;

  @Field(() => [String], { nullable: true, description: 'Only events in these cities, case-insensitively.' })
  cities?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only events of these communities, by slug.' })
  communities?: string[] | null;
}

/** Rejects a filter that can only be a mistake, with a message that says how to fix it. */
export function checkAnalyticsFilter(filter: AnalyticsFilter): void {
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw badInput(`\`filter.from\` (${filter.from.toISOString()}) must be before \`filter.to\` (${filter.to.toISOString()}).`, 'filter');
  }
  for (const list of ['projects', 'series', 'cities', 'communities'] as const) {
    if ((filter[list]?.length ?? 0) > 50) throw badInput(`\`filter.${list}\` may name at most 50 values.`, 'filter');
  }
}

const t = tables.talk.as('t');
const e = tables.event.as('e');
const tp = tables.talk_project.as('tp');

/**
 * The talks in scope, as a CTE named `scoped` with `talk_id`, `event_id`, `at` (when the talk
 * was given) and `time_zone` (its event's, for calendar periods). `withProjects: false` leaves
 * out the project condition, for figures about one given project.
 */
export function scopedTalks(filter: AnalyticsFilter, params: SqlParams, withProjects = true): string {
  const where = talkConditions({ ...filter, projects: withProjects ? filter.projects : null }, params);
  return `scoped AS (
    SELECT ${t.id} AS talk_id, ${t.event_id}, coalesce(${t.starts_at}, ${e.starts_at}) AS at, ${e.time_zone}
    FROM ${t} JOIN ${e} ON ${e.id} = ${t.event_id}
   ${whereSql(where)})`;
}

/**
 * The CTEs `scoped` and `covered`: each (project, talk) of the talks in scope, with `project_id`,
 * `talk_id`, `event_id`, `at` and `time_zone`. With a project filter, only those projects.
 */
export function coveredTalks(filter: AnalyticsFilter, params: SqlParams): string {
  return `${scopedTalks(filter, params)},
    covered AS (
      SELECT ${tp.project_id}, s.talk_id, s.event_id, s.at, s.time_zone
      FROM scoped s JOIN ${tp} ON ${tp.talk_id} = s.talk_id${whereSql(filteredProjects(filter, params))})`;
}

/** With a project filter, the condition that `tp.project_id` is one of its projects; none without. */
export function filteredProjects(filter: AnalyticsFilter, params: SqlParams): string[] {
  return filter.projects ? [`${tp.project_id} IN (${projectIdsNamed(filter.projects, params)})`] : [];
}
