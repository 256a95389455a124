import type { SqlRunner } from '../database/database';
import { projectKey } from '../database/name-key';
import { tables } from '../database/tables';
import type { PageProject } from './page-projects';

const { project, project_key } = tables;
// Any of the names, or any of the repositories (lower-cased), the graph holds.
const HELD = `SELECT ${project_key.col.key} FROM ${project_key.name} WHERE ${project_key.col.key} = ANY($1::text[])
     UNION ALL SELECT lower(${project.col.repository_url}) FROM ${project.name} WHERE lower(${project.col.repository_url}) = ANY($2::text[])`;

/**
 * The page's projects the graph does not hold yet under any of their names (slug, name,
 * alias) or their repository. Only these are written with the page: a project already in the
 * graph keeps what editors made of it, and the page's tags find it by name.
 */
export async function projectsToCreate(sql: SqlRunner, projects: readonly PageProject[]): Promise<PageProject[]> {
  if (!projects.length) return [];
  const keys = projects.flatMap(({ fact }) => [fact.slug, fact.name, ...(fact.aliases ?? [])].map(projectKey));
  const repositories = projects.map(({ fact }) => fact.repositoryUrl?.toLowerCase()).filter((u): u is string => !!u);
  const rows = await sql<{ key: string }>(HELD, [keys, repositories]);
  const held = new Set(rows.map((r) => r.key));
  return projects.filter(
    ({ fact }) =>
      ![fact.slug, fact.name, ...(fact.aliases ?? [])].some((n) => held.has(projectKey(n))) &&
      !held.has(fact.repositoryUrl?.toLowerCase() ?? ''),
  );
}
