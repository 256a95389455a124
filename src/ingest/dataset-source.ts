import { createHash } from 'node:crypto';
import type { SqlRunner } from '../database/database';
import type { GraphFacts } from './event-facts';
import type { FactSource } from './write-facts';

/**
 * The source a named dataset is recorded under (`dataset:<name>`, hashed over its JSON), so
 * that the seed and the importer writing the same dataset share one provenance record.
 */
export function datasetSource(name: string, facts: GraphFacts): FactSource {
  return { uri: `dataset:${name}`, contentHash: createHash('sha256').update(JSON.stringify(facts)).digest('hex') };
}

/** The content hash stored for a source, or null when it was never imported. */
export async function storedContentHash(sql: SqlRunner, uri: string): Promise<string | null> {
  const rows = await sql<{ content_hash: string }>(`SELECT content_hash FROM source WHERE uri = $1`, [uri]);
  return rows[0]?.content_hash ?? null;
}
