import type { SqlRunner } from '../database/database';

/**
 * Every name the graph already knows (speakers' names and aliases, projects' names and
 * aliases): encoding repair fills characters lost from a garbled page with them.
 */
export async function loadKnownNames(sql: SqlRunner): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    `SELECT name FROM speaker UNION SELECT alias FROM speaker WHERE alias IS NOT NULL
     UNION SELECT name FROM project UNION SELECT alias FROM project_alias`,
  );
  return rows.map((row) => row.name);
}
