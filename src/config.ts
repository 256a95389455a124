import path from 'node:path';

/** Typed, validated configuration read once from the environment. */
export interface Config {
  /** `production` masks internal errors and hides debugging extensions. */
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL connection string; unset means the embedded PGlite database. */
  databaseUrl: string | null;
  /** Folder of the embedded database; `memory://` keeps it in memory. */
  dataDir: string;
  /** Apply pending migrations at start-up. */
  migrateOnStart: boolean;
  /** Load the built-in dataset at start-up when the database has no events. */
  seedOnStart: boolean;
  /** Connections in the PostgreSQL pool. */
  poolSize: number;
  /** Longest a single SQL statement may run. */
  statementTimeoutMs: number;
  /** Report `extensions.sqlStatements` on every response (for tests and benchmarks). */
  exposeSqlStatementCount: boolean;
  /** Serve the GraphiQL playground at `/`. */
  playground: boolean;
  /** Allow schema introspection. */
  introspection: boolean;
}

/** Reads and validates configuration; throws one error that lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, not "${nodeEnv}"`);
  }
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, not "${env[name]}"`);
    return fallback;
  };
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  const production = nodeEnv === 'production';
  const config: Config = {
    env: nodeEnv as Config['env'],
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : path.resolve(env.DATA_DIR || '.eventgraph/pgdata'),
    migrateOnStart: bool('MIGRATE_ON_START', true),
    seedOnStart: bool('SEED_ON_START', !databaseUrl),
    poolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
    exposeSqlStatementCount: bool('EXPOSE_SQL_STATEMENT_COUNT', !production),
    playground: bool('PLAYGROUND', true),
    introspection: bool('INTROSPECTION', true),
  };
  if (problems.length) throw new Error(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}
