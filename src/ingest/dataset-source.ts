import { createHash } from 'node:crypto';
import type { SqlRunner } from '../database/database';
import { tables } from '../database/tables';
import type { GraphFacts } from './event-facts';
import { writeFacts, type FactSource } from './write-facts';
import type { WriteCounts } from './write-counts';

/**
 * The source a named dataset is recorded under (`dataset:<name>`, hashed over its JSON), so
 * that the seed and the importer writing the same dataset share one provenance record.
 */
export function datasetSource(name: string, facts: GraphFacts): FactSource {
  return { uri: `dataset:${name}`, contentHash: createHash('sha256').update(JSON.stringify(facts)).digest('hex') };
}

/** The content hash stored for a source, or null when it was never imported. */
export async function storedContentHash(sql: SqlRunner, uri: string): Promise<string | null> {
  const { source } = tables;
  const rows = await sql<{ content_hash: string }>(`SELECT ${source.col.content_hash} FROM ${source.name} WHERE ${source.col.uri} = $1`, [
    uri,
  ]);
  return rows[0]?.content_hash ?? null;
}

/**
 * Writes a named dataset unless the graph already holds this version of it (then it returns
 * null and writes nothing), like a page whose content hash is unchanged. Skipping matters for
 * more than speed: pages disagree (one person, two job titles), so rewriting one dataset after
 * another would flip such fields back and forth on every run.
 */
export async function writeDataset(sql: SqlRunner, name: string, facts: GraphFacts): Promise<WriteCounts | null> {
  const source = datasetSource(name, facts);
  if ((await storedContentHash(sql, source.uri)) === source.contentHash) return null;
  return writeFacts(sql, facts, source);
}
