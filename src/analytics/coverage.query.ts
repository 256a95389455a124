import type { SqlRunner } from '../database/database';
import { whereSql } from '../database/keyset-page';
import { selectColumns, toEntity } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { Project } from '../projects/project.entity';
import { projectIdsNamed } from '../projects/project-match';
import { type AnalyticsFilter, filteredProjects, scopedTalks } from './analytics.filter';
import { type Period, periodOf, periodSeries, periodSql } from './period.enum';
import { CoveragePoint, ProjectCoverage } from './project-coverage';

/**
 * Talks, events and speakers per project and period, for the `first` most covered projects
 * (or the projects the filter names), with every period between the first and the last present.
 */
export async function projectCoverage(sql: SqlRunner, filter: AnalyticsFilter, period: Period, first: number): Promise<ProjectCoverage[]> {
  const params = new SqlParams();
  const source = onlyProjects(filter) ? fromTallies(filter, period, params) : fromTalks(filter, period, params);
  // Projects the filter names are shown even when no talk in scope covered them.
  const chosen = filter.projects
    ? `SELECT p.id, coalesce(l.total, 0) AS total FROM project p LEFT JOIN linked l ON l.project_id = p.id
       WHERE p.id IN (${projectIdsNamed(filter.projects, params)})`
    : `SELECT p.id, l.total FROM linked l JOIN project p ON p.id = l.project_id`;
  const rows = await sql<Project & { __total: number; __label: string | null; __start: string; __talks: number; __events: number; __speakers: number }>(
    `WITH ${source.linked},
      chosen AS (${chosen} ORDER BY total DESC, p.name, p.id LIMIT ${params.add(first)}),
      periods AS (${periodSeries(period, 'linked', 'lo', 'hi')}),
      ${source.counted}
    SELECT ${selectColumns(Project, 'p')}, ch.total AS "__total", pe.label AS "__label", pe.start AS "__start",
      coalesce(c.talks, 0) AS "__talks", coalesce(c.events, 0) AS "__events", coalesce(c.speakers, 0) AS "__speakers"
    FROM chosen ch JOIN project p ON p.id = ch.id
    LEFT JOIN periods pe ON true
    LEFT JOIN counted c ON c.project_id = ch.id AND c.period = pe.period
    ORDER BY ch.total DESC, p.name, p.id, pe.period`,
    params.values,
  );
  const byProject = new Map<number, ProjectCoverage>();
  for (const { __total, __label, __start, __talks, __events, __speakers, ...project } of rows) {
    let coverage = byProject.get(project.id);
    if (!coverage) {
      coverage = Object.assign(new ProjectCoverage(), { project: toEntity(Project, project), talks: __total, points: [] });
      byProject.set(project.id, coverage);
    }
    if (__label !== null) {
      coverage.points.push(Object.assign(new CoveragePoint(), { period: __label, start: __start, talks: __talks, events: __events, speakers: __speakers }));
    }
  }
  return [...byProject.values()];
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
 * project and period: talks, events, speakers), read from `coverage_tally`, which triggers keep
 * per project and period on every write: the size of the answer, not of the data.
 */
function fromTallies(filter: AnalyticsFilter, period: Period, params: SqlParams): CoverageSource {
  const unit = params.add(periodSql[period].unit);
  const named = filter.projects ? ` AND c.project_id IN (${projectIdsNamed(filter.projects, params)})` : '';
  return {
    linked: `linked AS (
      SELECT c.project_id, sum(c.talks)::int AS total, min(c.period) AS lo, max(c.period) AS hi
      FROM coverage_tally c WHERE c.unit = ${unit}${named} GROUP BY c.project_id)`,
    counted: `counted AS (
      SELECT c.project_id, c.period, c.talks, c.events, c.speakers FROM coverage_tally c
      WHERE c.unit = ${unit} AND c.project_id IN (SELECT id FROM chosen))`,
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
      SELECT tp.project_id, count(*)::int AS total, min(d.period) AS lo, max(d.period) AS hi
      FROM dated d JOIN talk_project tp ON tp.talk_id = d.talk_id${whereSql(filteredProjects(filter, params))} GROUP BY tp.project_id)`;
  const counted = `counted AS (
      SELECT tp.project_id, d.period, count(DISTINCT d.talk_id)::int AS talks, count(DISTINCT d.event_id)::int AS events,
        count(DISTINCT ts.speaker_id)::int AS speakers
      FROM chosen ch JOIN talk_project tp ON tp.project_id = ch.id JOIN dated d ON d.talk_id = tp.talk_id
      LEFT JOIN talk_speaker ts ON ts.talk_id = d.talk_id
      GROUP BY tp.project_id, d.period)`;
  return { linked, counted };
}
