import { loadConfig } from '../config';
import { Database } from '../database/database';

/** Opens the database the environment configures (DATABASE_URL, else the embedded one in DATA_DIR). */
export function openDatabase(): Promise<Database> {
  const config = loadConfig();
  return Database.connect(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: 2, statementTimeoutMs: config.statementTimeoutMs }
      : { kind: 'pglite', dataDir: config.dataDir },
  );
}
