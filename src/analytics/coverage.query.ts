import type { SqlRunner } from '../database/database';
import { whereSql } from '../lists/keyset-page';
import { selectColumns, toEntity } from '../database/entity-columns';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { Project } from '../projects/project.entity';
import { projectIdsNamed } from '../projects/project-match';
import { type AnalyticsFilter, filteredProjects, scopedTalks } from './analytics.filter';
import { type Period, periodOf, periodSeries, periodSql } from './period.enum';
import { CoveragePoint, ProjectCoverage } from './project-coverage';

const p = tables.project.as('p');
const pt = tables.project_tally.as('pt');
const l = tables.talk_project.as('l');
const c = tables.coverage_tally.as('c');
const tp = tables.talk_project.as('tp');
const ts = tables.talk_speaker.as('ts');

/**
 * Talks, events and speakers per project and period, for the `first` most covered projects
 * (or the projects the filter names), with every period between the first and the last present.
 */
export async function projectCoverage(sql: SqlRunner, filter: AnalyticsFilter, period: Period, first: number): Promise<ProjectCoverage[]> {
  const params = new SqlParams();
  const source = onlyProjects(filter) ? fromTallies(filter, period, params) : fromTalks(filter, period, params);
  // Projects the filter names are shown even when no talk in scope covered them.
  const chosen = filter.projects
    ? `SELECT ${p.id}, coalesce(l.total, 0) AS total FROM ${p} LEFT JOIN linked l ON l.project_id = ${p.id}
       WHERE ${p.id} IN (${projectIdsNamed(filter.projects, params)})`
    : `SELECT ${p.id}, l.total FROM linked l JOIN ${p} ON ${p.id} = l.project_id`;
  // One row per project, its points as one JSON array (parsed once, not column by column).
  const rows = await sql<Project & { __total: number; __points: CoveragePoint[] }>(
    `WITH ${source.linked},
      chosen AS (${chosen} ORDER BY total DESC, p.name, p.id LIMIT ${params.add(first)}),
      periods AS (${periodSeries(period, 'linked', 'lo', 'hi')}),
      ${source.counted}
    SELECT ${selectColumns(Project, 'p')}, ch.total AS "__total",
      (SELECT coalesce(json_agg(json_build_object('period', pe.label, 'start', pe.start, 'talks', coalesce(c.talks, 0),
          'events', coalesce(c.events, 0), 'speakers', coalesce(c.speakers, 0)) ORDER BY pe.period), '[]')
        FROM periods pe LEFT JOIN counted c ON c.project_id = ch.id AND c.period = pe.period) AS "__points"
    FROM chosen ch JOIN ${p} ON ${p.id} = ch.id
    ORDER BY ch.total DESC, ${p.name}, ${p.id}`,
    params.values,
  );
  return rows.map(({ __total, __points, ...project }) =>
    Object.assign(new ProjectCoverage(), {
      project: toEntity(Project, project),
      talks: __total,
      points: __points.map((point) => Object.assign(new CoveragePoint(), point)),
    }),
  );
}

/** Whether the filter limits nothing but the projects, so the coverage tallies hold the answer. */
function onlyProjects(filter: AnalyticsFilter): boolean {
  return !filter.from && !filter.to && !filter.series && !filter.formats && !filter.cities && !filter.communities;
}

/** SQL for the CTEs `linked` (and any it needs) and `counted`, which may read `chosen`. */
interface CoverageSource {
  linked: string;
  counted: string;
}

/**
 * The CTEs `linked` (per project: dated talks, first and last period) and `counted` (per chosen
 * project and period: talks, events, speakers), read from `project_tally` and `coverage_tally`,
 * which triggers keep on every write: the size of the answer, not of the data.
 */
function fromTallies(filter: AnalyticsFilter, period: Period, params: SqlParams): CoverageSource {
  const unit = params.add(periodSql[period].unit);
  const named = filter.projects ? ` AND ${pt.project_id} IN (${projectIdsNamed(filter.projects, params)})` : '';
  // A project's first and last periods are those of its first and last dated talk: two probes of
  // the link index by local time, where grouping its cells would read all of them.
  const edge = (end: 'min' | 'max') =>
    `date_trunc(${unit}, (SELECT ${end}(${l.talk_local_at}) FROM ${l} WHERE ${l.project_id} = ${pt.project_id}))`;
  return {
    linked: `linked AS (
      SELECT ${pt.project_id}, ${pt.dated_talks} AS total, ${edge('min')} AS lo, ${edge('max')} AS hi
      FROM ${pt} WHERE ${pt.dated_talks} > 0${named})`,
    counted: `counted AS (
      SELECT ${c.project_id}, ${c.period}, ${c.talks}, ${c.events}, ${c.speakers} FROM ${c}
      WHERE ${c.unit} = ${unit} AND ${c.project_id} IN (SELECT id FROM chosen))`,
  };
}

/**
 * The same CTEs counted from the talks in scope, for filters the tallies do not split by. Each
 * talk's period is computed once (`dated`, materialized: it is read twice), the projects are
 * ranked from one grouped pass that also yields the range of periods (`linked`), and only the
 * chosen projects' talks are joined to their speakers and counted per period.
 */
function fromTalks(filter: AnalyticsFilter, period: Period, params: SqlParams): CoverageSource {
  const linked = `${scopedTalks(filter, params)},
    dated AS (SELECT s.talk_id, s.event_id, ${periodOf(period, 's.at', 's.time_zone')} AS period FROM scoped s WHERE s.at IS NOT NULL),
    linked AS (
      SELECT ${tp.project_id}, count(*)::int AS total, min(d.period) AS lo, max(d.period) AS hi
      FROM dated d JOIN ${tp} ON ${tp.talk_id} = d.talk_id${whereSql(filteredProjects(filter, params))} GROUP BY ${tp.project_id})`;
  const counted = `counted AS (
      SELECT ${tp.project_id}, d.period, count(DISTINCT d.talk_id)::int AS talks, count(DISTINCT d.event_id)::int AS events,
        count(DISTINCT ${ts.speaker_id})::int AS speakers
      FROM chosen ch JOIN ${tp} ON ${tp.project_id} = ch.id JOIN dated d ON d.talk_id = ${tp.talk_id}
      LEFT JOIN ${ts} ON ${ts.talk_id} = d.talk_id
      GROUP BY ${tp.project_id}, d.period)`;
  return { linked, counted };
}
