import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys (only a hash of the secret is stored) and the audit log of every write. Audit rows
 * keep the key's name, so the log still says who wrote after a key is revoked.
 */
export class ApiKeysAndAudit1764170000000 implements MigrationInterface {
  name = 'ApiKeysAndAudit1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id serial PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('EDITOR', 'ADMIN')),
        lookup text NOT NULL CONSTRAINT api_key_lookup_key UNIQUE,
        secret_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id serial PRIMARY KEY,
        api_key_id int REFERENCES api_key (id) ON DELETE SET NULL,
        actor text NOT NULL,
        operation text NOT NULL,
        record_type text NOT NULL,
        record_id int NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_record_idx ON audit_log (record_type, record_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE api_key`);
  }
}
