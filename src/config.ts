import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root';

/**
 * How operations run: `jit` with the bypasses the bench measured (graphql-jit behind Apollo's
 * gateway interface, the hot field resolvers called without type-graphql's wrapper, results let
 * go of once serialised); `graphql-js` with the libraries exactly as they come, so that an upgrade
 * that breaks a bypass shows as a difference between the two (CI runs the suite both ways).
 */
export type Execution = 'jit' | 'graphql-js';
/** What a change forgets from the response cache. */
export type ResponseCacheInvalidation = 'keys' | 'tables' | 'all';
export const RESPONSE_CACHE_INVALIDATIONS: readonly ResponseCacheInvalidation[] = ['keys', 'tables', 'all'];

export const EXECUTIONS: readonly Execution[] = ['jit', 'graphql-js'];

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
  /**
   * Folder of data-directory templates (made by `npm run build`): a new embedded database is
   * copied from the one made with the same migrations, dataset and code instead of being
   * initialized, migrated and seeded. Null turns templates off.
   */
  pgliteTemplateDir: string | null;
  /** Apply pending migrations at start-up. */
  migrateOnStart: boolean;
  /** Load the built-in dataset at start-up when the database has no events. */
  seedOnStart: boolean;
  /** Streaming replicas of `databaseUrl` that serve reads; empty reads from the primary only. */
  readUrls: string[];
  /** A replica whose replay is further behind than this is skipped. */
  replicaMaxLagMs: number;
  /** How often a replica is asked how far it has replayed, at most (while reads need it). */
  replicaCheckMs: number;
  /** How long a replica that failed is left out before it is tried again. */
  replicaRetryMs: number;
  /** Connections in the PostgreSQL pool (and in each replica's). */
  poolSize: number;
  /** Longest a single SQL statement may run. */
  statementTimeoutMs: number;
  /** Report `extensions.sqlStatements` on every response (for tests and benchmarks). */
  exposeSqlStatementCount: boolean;
  /** How operations run: `jit` (graphql-jit and the measured bypasses) or `graphql-js` (the libraries as they come). */
  execution: Execution;
  /** Serve the GraphiQL playground at `/`. */
  playground: boolean;
  /** Allow schema introspection. */
  introspection: boolean;
  /** Highest cost of one operation (each field 1, lists times their page size); dearer ones are refused unrun. */
  maxQueryCost: number;
  /** SQL statements one request may send; past them it stops with QUERY_BUDGET_EXCEEDED. */
  maxSqlStatements: number;
  /** Rows one request's statements may return; past them it stops with QUERY_BUDGET_EXCEEDED. */
  maxSqlRows: number;
  /** Statements of requests that may wait for the embedded database's one connection. */
  pgliteQueueMax: number;
  /** How long a stop lets statements waiting for the embedded database's connection run before it refuses them. */
  shutdownGraceMs: number;
  /** Deepest nesting of fields in one operation (root fields at 0), introspection aside. */
  maxQueryDepth: number;
  /** Deepest nesting under `__schema` and `__type`; GraphiQL's introspection query nests 14. */
  maxIntrospectionDepth: number;
  /** Lexical tokens in one document; the parser stops past it. */
  maxQueryTokens: number;
  /** Fields in one operation, a fragment's counted each time it is spread. */
  maxQueryFields: number;
  /** Aliased fields in one operation, counted like fields. */
  maxQueryAliases: number;
  /** Fields with the same response name in one selection set. */
  maxFieldRepeats: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Longest a request may take before it is answered with a timeout. */
  requestTimeoutMs: number;
  /** Length of a rate-limit window. */
  rateLimitWindowMs: number;
  /** Requests one address may make per window. */
  rateLimitPerAddress: number;
  /** Requests one API key may make per window. */
  rateLimitPerKey: number;
  /** Redis for rate-limit counters shared between instances; null keeps them in memory. */
  redisUrl: string | null;
  /** Express `trust proxy`: hops of proxies whose X-Forwarded-For names the client address (0 trusts none). */
  trustProxyHops: number;
  /** Megabytes of response bodies the response cache keeps for anonymous queries; 0 turns it off. */
  responseCacheMb: number;
  /** What a change forgets: the answers that read a table it wrote (`tables`), or every answer (`all`, the old way, kept to compare and as a fallback). */
  responseCacheInvalidation: ResponseCacheInvalidation;
  /** How often the change listener's connection (PostgreSQL) is asked to answer, and how long it has to. */
  changeListenerHeartbeatMs: number;
  /** Folders (absolute, links resolved) a registered source may lie in; `sources add`, `sourceRegister` and sync refuse any other place. */
  sourceRoots: string[];
}

/** Reads and validates configuration; throws one error that lists every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  // Production unless told otherwise: a server started without NODE_ENV (`npm start`) must not
  // hand stack traces and statement counts to the public; `npm run dev` asks for development.
  const nodeEnv = env.NODE_ENV || 'production';
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
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name} must be one of ${values.join(', ')}, not "${raw}"`);
    return fallback;
  };
  const databaseUrl = env.DATABASE_URL || null;
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  const readUrls = readReplicaUrls(env.DATABASE_READ_URL, databaseUrl, problems);
  const pgliteTemplateDir = templateDir(env.PGLITE_TEMPLATE_DIR, problems);
  const sourceRoots = sourceRootsOf(env.SOURCE_ROOTS, problems);
  const production = nodeEnv === 'production';
  const config: Config = {
    env: nodeEnv as Config['env'],
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : path.resolve(env.DATA_DIR || '.eventgraph/pgdata'),
    pgliteTemplateDir,
    migrateOnStart: bool('MIGRATE_ON_START', true),
    seedOnStart: bool('SEED_ON_START', !databaseUrl),
    readUrls,
    replicaMaxLagMs: int('REPLICA_MAX_LAG_MS', 5000, 100, 3_600_000),
    replicaCheckMs: int('REPLICA_CHECK_MS', 100, 10, 60_000),
    replicaRetryMs: int('REPLICA_RETRY_MS', 2000, 100, 600_000),
    poolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: int('STATEMENT_TIMEOUT_MS', 5000, 100, 600_000),
    exposeSqlStatementCount: bool('EXPOSE_SQL_STATEMENT_COUNT', !production),
    execution: oneOf('EXECUTION', EXECUTIONS, 'jit'),
    playground: bool('PLAYGROUND', true),
    introspection: bool('INTROSPECTION', true),
    maxQueryCost: int('MAX_QUERY_COST', 10_000, 10, 10_000_000),
    maxQueryDepth: int('MAX_QUERY_DEPTH', 12, 2, 100),
    maxIntrospectionDepth: int('MAX_INTROSPECTION_DEPTH', 15, 2, 100),
    // graphql-js's parser and our checks recurse once per level of nesting: past some tens of
    // thousands of tokens a document nested that deep would exhaust the stack.
    maxQueryTokens: int('MAX_QUERY_TOKENS', 2000, 100, 20_000),
    maxQueryFields: int('MAX_QUERY_FIELDS', 2000, 10, 100_000),
    maxQueryAliases: int('MAX_QUERY_ALIASES', 100, 0, 100_000),
    maxFieldRepeats: int('MAX_FIELD_REPEATS', 10, 1, 1000),
    maxSqlStatements: int('MAX_SQL_STATEMENTS', 50, 1, 100_000),
    maxSqlRows: int('MAX_SQL_ROWS', 100_000, 1, 100_000_000),
    pgliteQueueMax: int('PGLITE_QUEUE_MAX', 256, 1, 100_000),
    shutdownGraceMs: int('SHUTDOWN_GRACE_MS', 1000, 0, 600_000),
    maxBodyBytes: int('MAX_BODY_BYTES', 100_000, 1000, 100_000_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 10_000, 100, 600_000),
    rateLimitWindowMs: int('RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
    rateLimitPerAddress: int('RATE_LIMIT_PER_ADDRESS', 600, 1, 10_000_000),
    rateLimitPerKey: int('RATE_LIMIT_PER_KEY', 1200, 1, 10_000_000),
    redisUrl,
    trustProxyHops: int('TRUST_PROXY_HOPS', 0, 0, 10),
    responseCacheMb: int('RESPONSE_CACHE_MB', 32, 0, 65_536),
    responseCacheInvalidation: oneOf('RESPONSE_CACHE_INVALIDATION', RESPONSE_CACHE_INVALIDATIONS, 'keys'),
    changeListenerHeartbeatMs: int('CHANGE_LISTENER_HEARTBEAT_MS', 5000, 100, 600_000),
    sourceRoots,
  };
  // A replica is judged by checks REPLICA_CHECK_MS apart, and the time since the last counts as lag.
  if (config.replicaCheckMs >= config.replicaMaxLagMs)
    problems.push(
      `REPLICA_CHECK_MS (${config.replicaCheckMs}) must be less than REPLICA_MAX_LAG_MS (${config.replicaMaxLagMs}), or no replica would ever be recent enough`,
    );
  if (problems.length) throw new Error(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}

/**
 * DATABASE_READ_URL: one connection string or a comma-separated list, each a postgres:// URL of a
 * streaming replica of DATABASE_URL. Problems name the entry by position, never echo it (it may
 * hold a password).
 */
function readReplicaUrls(raw: string | undefined, databaseUrl: string | null, problems: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  if (!databaseUrl) {
    problems.push(
      'DATABASE_READ_URL needs DATABASE_URL: read replicas are replicas of a PostgreSQL primary, and the embedded database (PGlite) has none',
    );
    return [];
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const urls: string[] = [];
  entries.forEach((entry, index) => {
    const which = entries.length > 1 ? `DATABASE_READ_URL's entry ${index + 1}` : 'DATABASE_READ_URL';
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      // reported below
    }
    if (!entry) problems.push(`${which} is empty; separate replicas' connection strings with single commas`);
    else if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname)
      problems.push(`${which} must be a postgres:// or postgresql:// connection string with a host`);
    else if (entry === databaseUrl) problems.push(`${which} is DATABASE_URL itself; list only replicas`);
    else if (urls.includes(entry)) problems.push(`${which} repeats an earlier entry`);
    else urls.push(entry);
  });
  return urls;
}

/** Where `npm run build` writes the data-directory templates. */
export function defaultTemplateDir(): string {
  return path.join(packageRoot(), 'dist', 'pglite-template');
}

/** PGLITE_TEMPLATE_DIR: unset for the build's folder, `off` for none, else a folder (which may not exist yet). */
function templateDir(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw === '') return defaultTemplateDir();
  if (raw.toLowerCase() === 'off') return null;
  const dir = path.resolve(raw);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) problems.push(`PGLITE_TEMPLATE_DIR must be a folder or off, but ${dir} is a file`);
  return dir;
}

/**
 * SOURCE_ROOTS: folders separated by `path.delimiter` (`:` on Linux), each resolved and with its
 * links followed, so a location is compared with the folder it really is. Unset: the working
 * directory alone, so a server or CLI started without it reads nothing outside the folder it
 * was started in.
 */
function sourceRootsOf(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return defaultSourceRoots();
  const roots: string[] = [];
  raw.split(path.delimiter).forEach((entry, index) => {
    const trimmed = entry.trim();
    const real = trimmed && realFolder(path.resolve(trimmed));
    if (!trimmed) problems.push(`SOURCE_ROOTS's entry ${index + 1} is empty; separate folders with single "${path.delimiter}"`);
    else if (!real) problems.push(`SOURCE_ROOTS's entry ${index + 1} (${trimmed.slice(0, 200)}) is not an existing folder`);
    else if (!roots.includes(real)) roots.push(real);
  });
  return roots;
}

/** The folders sources may lie in when SOURCE_ROOTS is unset: the working directory alone. */
export function defaultSourceRoots(): string[] {
  return [realFolder(process.cwd()) ?? process.cwd()];
}

function realFolder(dir: string): string | null {
  try {
    return statSync(dir).isDirectory() ? realpathSync(dir) : null;
  } catch {
    return null;
  }
}
