import DataLoader from 'dataloader';
import type { SqlRunner } from '../database/database';
import { projectKey } from '../database/name-key';
import { fromJson, jsonColumns } from '../lists/json-columns';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import { byIdLoader, groupedLoader } from '../graphql/batch-loaders';
import type { RootLookup } from '../lists/list-loader';
import { Project } from './project.entity';

const p = tables.project.as('p');
const k = tables.project_key.as('k');
const a = tables.project_alias.as('a');
const pt = tables.project_pair_tally.as('pt');

const PROJECTS_BY_KEY = `SELECT DISTINCT ON (${k.key}) ${k.key} AS "__key", ${selectColumns(Project, 'p')},
           array(SELECT ${a.alias} FROM ${a} WHERE ${a.project_id} = ${p.id} ORDER BY ${a.alias}) AS "__aliases"
         FROM ${k} JOIN ${p} ON ${p.id} = ${k.project_id} WHERE ${k.key} = ANY($1::text[]) ORDER BY ${k.key}, ${p.id}`;

const ALIASES_BY_PROJECT = `SELECT ${a.project_id} AS "__key", ${a.alias} FROM ${a} WHERE ${a.project_id} = ANY($1::int[]) ORDER BY ${a.project_id}, ${a.alias}`;

const RELATED_PROJECTS = `SELECT ${pt.project_id} AS "__key", ${selectColumns(Project, 'p')}
       FROM ${pt} JOIN ${p} ON ${p.id} = ${pt.other_id}
       WHERE ${pt.project_id} = ANY($1::int[])
       ORDER BY ${pt.project_id}, ${pt.talks} DESC, ${p.name}, ${p.id}`;

/** Per-request loaders of projects and of what hangs off a project. */
export function createProjectLoaders(sql: SqlRunner) {
  const loaders = {
    projectById: byIdLoader(sql, Project, tables.project.name),
    /**
     * A project by slug, name or any alias, folded by `projectKey`. Its aliases come along (a
     * project page shows them) and prime `aliasesByProject`: one statement fewer per page.
     */
    projectByName: new DataLoader<string, Project | null>(async (names) => {
      const keys = names.map(projectKey);
      const rows = await sql<Project & { __key: string; __aliases: string[] }>(PROJECTS_BY_KEY, [keys]);
      const byKey = new Map(
        rows.map(({ __aliases, ...row }) => {
          loaders.aliasesByProject.prime(row.id, __aliases);
          return [row.__key, toEntity(Project, row)];
        }),
      );
      return keys.map((key) => byKey.get(key) ?? null);
    }),
    aliasesByProject: groupedLoader<number, { alias: string }, string>(sql, ALIASES_BY_PROJECT, (row) => row.alias),
    /** Projects covered in the same talks, most shared talks first. */
    relatedProjects: groupedLoader<number, object, Project>(sql, RELATED_PROJECTS, (row) => toEntity(Project, row)),
  };
  return loaders;
}

/**
 * `projectByName` for a root field that reads the first page of one of the project's lists in
 * the same statement (`ListLoader.rootWithPage`); keys are folded by `projectKey`.
 */
export const projectByKeyRoot: RootLookup<Project> = {
  name: 'projectByKey',
  sql: (keys) =>
    `SELECT DISTINCT ON (${k.key}) ${k.key} AS "__key", ${p.id} AS "__root_id", ${jsonColumns(Project, 'p')} AS "__root"
     FROM ${k} JOIN ${p} ON ${p.id} = ${k.project_id} WHERE ${k.key} = ANY((SELECT ${keys}::text[])::text[]) ORDER BY ${k.key}, ${p.id}`,
  map: (row) => fromJson(Project, row),
};

declare module '../graphql/context' {
  /** The loaders of projects, on every request's `ctx.loaders`. */
  interface Loaders extends ReturnType<typeof createProjectLoaders> {}
}
