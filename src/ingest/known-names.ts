import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';

const { project, project_alias, speaker } = tables;
const KNOWN_NAMES = `SELECT ${speaker.col.name} FROM ${speaker.name} UNION SELECT ${speaker.col.alias} FROM ${speaker.name} WHERE ${speaker.col.alias} IS NOT NULL
     UNION SELECT ${project.col.name} FROM ${project.name} UNION SELECT ${project_alias.col.alias} FROM ${project_alias.name}`;

/**
 * Every name the graph already knows (speakers' names and aliases, projects' names and
 * aliases): encoding repair fills characters lost from a garbled page with them.
 */
export async function loadKnownNames(sql: SqlRunner): Promise<string[]> {
  const rows = await sql<{ name: string }>(KNOWN_NAMES);
  return rows.map((row) => row.name);
}
