import { MigrationInterface, QueryRunner } from 'typeorm';

/** Ids per bucket, as a shift: `id >> 10`. Matches `SEARCH_BUCKET_BITS` in src/search/search.query.ts. */
const BUCKET_BITS = 10;

const KINDS = ['event', 'talk', 'speaker'] as const;

/**
 * Each searchable kind's trigram index also holds the bucket of its id (btree_gin), so that a
 * search can ask for the matches among the newest ids only: the index then intersects the words'
 * trigram lists with a bounded range of ids instead of reading them whole. The index keeps its
 * name and still serves conditions on the text alone (the lists' `query` filters).
 */
export class SearchWindowIndexes1765030000000 implements MigrationInterface {
  name = 'SearchWindowIndexes1765030000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    for (const kind of KINDS) {
      await q.query(`DROP INDEX ${kind}_search_trgm_idx`);
      await q.query(`CREATE INDEX ${kind}_search_trgm_idx ON ${kind} USING gin ((id >> ${BUCKET_BITS}), search_text gin_trgm_ops)`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const kind of KINDS) {
      await q.query(`DROP INDEX ${kind}_search_trgm_idx`);
      await q.query(`CREATE INDEX ${kind}_search_trgm_idx ON ${kind} USING gin (search_text gin_trgm_ops)`);
    }
  }
}
