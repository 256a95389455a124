import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config';
import type { Database } from '../../src/database/database';
import { anniversaryFacts, seed } from '../../src/database/seed';
import type { GraphFacts } from '../../src/ingest/event-facts';
import { createApp } from '../../src/http/app';
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
  /** POSTs an operation to /graphql and returns the parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Like `gql`, but fails the test when the response has errors. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the real HTTP app on a random port, on a fresh migrated database holding `datasets`
 * (by default the hand-written anniversary event, whose facts the tests know; `{}` for none).
 */
export async function startTestServer(options: { datasets?: Record<string, GraphFacts>; env?: Record<string, string> } = {}): Promise<TestServer> {
  const { db, engine, drop } = await createTestDatabase();
  await seed(db, options.datasets ?? { 'sofa-6th-anniversary': anniversaryFacts });
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', ...options.env }), port: 0 };
  const app = await createApp(config, db, () => {});
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const gql = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return {
    url,
    db,
    engine,
    gql,
    async data(query, variables) {
      const response = await gql(query, variables);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data;
    },
    async close() {
      await app.stop();
      await drop();
    },
  };
}
