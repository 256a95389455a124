import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config';
import type { Database } from '../../src/database/database';
import { anniversaryFacts, seed } from '../../src/dataset/seed';
import type { GraphFacts } from '../../src/ingest/event-facts';
import { createApp } from '../../src/http/app';
import type { ResponseCache } from '../../src/graphql/response-cache/response-cache';
import { createTestDatabase } from './test-database';

/** A GraphQL response as a client receives it. */
export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { sqlStatements?: number; [key: string]: unknown };
}

/** A running server on a fresh database, and a client that calls it over HTTP. */
export interface TestServer {
  url: string;
  db: Database;
  engine: 'pglite' | 'postgres';
  /** The database's connection string on PostgreSQL; null on PGlite. */
  databaseUrl: string | null;
  /** The app's response cache (null when off), to read what it keeps. */
  responseCache: ResponseCache | null;
  /** POSTs an operation to /graphql and returns the parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like `gql`, with the HTTP status and headers. */
  post<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: GraphQLResponse<T> }>;
  /** Like `gql`, but fails the test when the response has errors. */
  /** The answer's data; throws on any error. */
  data<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/** What a test server is started with. */
export interface TestServerOptions {
  /** Seeded into the fresh database; by default the hand-written anniversary event, whose facts the tests know; `{}` for none. */
  datasets?: Record<string, GraphFacts>;
  /** Environment the configuration is read from, over `NODE_ENV=test`. */
  env?: Record<string, string>;
}

/** Starts the real HTTP app on a random port, on a fresh migrated database holding `datasets`. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { db, engine, url, drop } = await createTestDatabase();
  await seed(db, options.datasets ?? { 'sofa-6th-anniversary': anniversaryFacts });
  const server = await startTestApp(db, engine, url, options.env);
  return {
    ...server,
    async close() {
      await server.close();
      await drop();
    },
  };
}

/** Starts the real HTTP app on `db` (a second instance on a database, say); `close` leaves the database open. */
export async function startTestApp(
  db: Database,
  engine: TestServer['engine'],
  databaseUrl: string | null,
  env: Record<string, string> = {},
): Promise<TestServer> {
  // The response cache is off unless a test turns it on: tests that count SQL statements send the same query twice.
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', RESPONSE_CACHE_MB: '0', ...executionFromEnvironment(), ...env }), port: 0 };
  const app = await createApp(config, db, () => {});
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const post = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
  };
  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    (await post(query, variables, headers)).body;
  return {
    url,
    db,
    engine,
    databaseUrl,
    responseCache: app.responseCache,
    gql,
    post,
    async data(query, variables, headers) {
      const response = await gql(query, variables, headers);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data;
    },
    close: () => app.stop(),
  };
}

/** `EXECUTION=graphql-js npm test` runs every test server without the bypasses (see Config.execution). */
function executionFromEnvironment(): { EXECUTION?: string } {
  return process.env.EXECUTION ? { EXECUTION: process.env.EXECUTION } : {};
}
