import { projectKey } from '../database/name-key';
import type { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';

const { project_key } = tables;
const PROJECT_IDS_WHERE_KEY = `SELECT ${project_key.col.project_id} FROM ${project_key.name} WHERE ${project_key.col.key}`;

/**
 * SQL for the ids of the projects that any of `names` denotes, by slug, canonical name or any
 * alias, case- and spacing-insensitively: `SOFAServerless` denotes Koupleless.
 */
export function projectIdsNamed(names: readonly string[], params: SqlParams): string {
  return `${PROJECT_IDS_WHERE_KEY} = ANY(${params.add(names.map(projectKey))}::text[])`;
}
