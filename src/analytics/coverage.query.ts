import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/select-columns';
import { SqlParams } from '../database/sql-params';
import { Project } from '../projects/project.entity';
import { projectIdsNamed } from '../projects/project-match';
import { type AnalyticsFilter, coveredTalks } from './analytics.filter';
import { type Period, periodOf, periodSeries } from './period.enum';
import { CoveragePoint, ProjectCoverage } from './project-coverage';

/**
 * Talks, events and speakers per project and period, for the `first` most covered projects
 * (or the projects the filter names), with every period between the first and the last present.
 */
export async function projectCoverage(sql: SqlRunner, filter: AnalyticsFilter, period: Period, first: number): Promise<ProjectCoverage[]> {
  const params = new SqlParams();
  const covered = coveredTalks(filter, params);
  const chosen = filter.projects
    ? `WHERE p.id IN (${projectIdsNamed(filter.projects, params)}) GROUP BY p.id`
    : `GROUP BY p.id HAVING count(c.talk_id) > 0`;
  const rows = await sql<Project & { __total: number; __label: string | null; __start: string; __talks: number; __events: number; __speakers: number }>(
    `WITH ${covered},
      dated AS (SELECT c.*, ${periodOf(period, 'c.at', 'c.time_zone')} AS period FROM covered c WHERE c.at IS NOT NULL),
      chosen AS (
        SELECT p.id, count(DISTINCT c.talk_id)::int AS total FROM project p LEFT JOIN dated c ON c.project_id = p.id
        ${chosen} ORDER BY total DESC, min(p.name), p.id LIMIT ${params.add(first)}),
      periods AS (${periodSeries(period, 'dated', 'period')})
    SELECT ${selectColumns(Project, 'p')}, ch.total AS "__total", pe.label AS "__label", pe.start AS "__start",
      count(DISTINCT d.talk_id)::int AS "__talks", count(DISTINCT d.event_id)::int AS "__events", count(DISTINCT ts.speaker_id)::int AS "__speakers"
    FROM chosen ch JOIN project p ON p.id = ch.id
    LEFT JOIN periods pe ON true
    LEFT JOIN dated d ON d.project_id = ch.id AND d.period = pe.period
    LEFT JOIN talk_speaker ts ON ts.talk_id = d.talk_id
    GROUP BY p.id, ch.total, pe.period, pe.label, pe.start
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
