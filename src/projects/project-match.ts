import { projectKey } from '../database/name-key';
import type { SqlParams } from '../database/sql-params';

/**
 * SQL for the ids of the projects that any of `names` denotes, by slug, canonical name or any
 * alias, case- and spacing-insensitively: `SOFAServerless` denotes Koupleless.
 */
export function projectIdsNamed(names: readonly string[], params: SqlParams): string {
  return `SELECT project_id FROM project_key WHERE key = ANY(${params.add(names.map(projectKey))}::text[])`;
}
