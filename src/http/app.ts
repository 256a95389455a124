import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Config } from '../config';
import type { Database } from '../database/database';
import { type Context, createContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { createSchema } from '../graphql/schema';
import { statementCountPlugin } from '../graphql/statement-count.plugin';
import { playgroundRouter } from './playground';

/** The HTTP server with the GraphQL endpoint, the playground and health checks. */
export interface App {
  server: http.Server;
  /** Stops accepting connections, lets requests in flight finish, then stops Apollo. */
  stop(): Promise<void>;
}

/** Builds the app; call `server.listen` to serve. */
export async function createApp(config: Config, db: Database, log: (message: string, error?: unknown) => void = console.error): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: config.env !== 'production',
    formatError: formatError(config.env === 'production', (error) => log('GraphQL request failed', error)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // No response cache reads cache hints, and the default cache-control plugin wraps every
      // field resolver to collect them: a few percent of the server's CPU for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.exposeSqlStatementCount ? [statementCountPlugin()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await db.ping();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(db, (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID()),
    }),
  );
  if (config.playground) app.use(playgroundRouter());

  return {
    server,
    async stop() {
      await apollo.stop();
    },
  };
}
