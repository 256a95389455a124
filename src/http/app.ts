import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { authenticate } from '../auth/authenticate';
import type { Config } from '../config';
import type { Database } from '../database/database';
import { isDatabaseUnavailable } from '../database/unavailable';
import type { Context } from '../graphql/context';
import { createContext } from '../api/request-context';
import { stringifyResult } from '../graphql/stringify-result';
import { formatError, UNAVAILABLE_MESSAGE } from '../graphql/format-error';
import { DataSpan } from '../analytics/data-span';
import { documentGuard } from '../graphql/limits/document-guard';
import { queryCostPlugin } from '../graphql/limits/query-cost.plugin';
import { yieldBetweenPhasesPlugin } from '../graphql/limits/yield-between-phases.plugin';
import { compiledExecution } from '../graphql/compiled-execution';
import { invalidateOnChange } from '../graphql/response-cache/change-invalidation';
import { ResponseCache } from '../graphql/response-cache/response-cache';
import { responseCachePlugin } from '../graphql/response-cache/response-cache.plugin';
import { createSchema } from '../api/schema';
import { statementCountPlugin } from '../graphql/statement-count.plugin';
import { readRoutingPlugin } from '../graphql/read-routing.plugin';
import { exportRouter } from '../exports/export.router';
import { feedRouter } from '../feeds/feed.router';
import { dashboardRouter } from './dashboard';
import { graphqlEndpoint } from './graphql-endpoint';
import { jsonErrors } from './json-errors';
import { playgroundRouter } from './playground';
import { rateLimiter } from './rate-limit';
import { setSecurityHeaders } from './security-headers';
import { sendJson } from './send-json';

/** The HTTP server with the GraphQL endpoint, the playground, the dashboard, the calendar feeds and health checks. */
export interface App {
  server: http.Server;
  /** The response cache, null when `RESPONSE_CACHE_MB=0`; its `bytes` and `size` say what it keeps. */
  responseCache: ResponseCache | null;
  /** Refuses new requests, lets requests in flight finish, then stops Apollo, the response cache's listener and Redis. */
  stop(): Promise<void>;
}

/** Builds the app; call `server.listen` to serve. */
export async function createApp(
  config: Config,
  db: Database,
  log: (message: string, error?: unknown) => void = console.error,
): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  // `/graphql` is served without Express (see graphql-endpoint.ts); everything else goes through it.
  let graphql: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  const server = http.createServer((req, res) => {
    setSecurityHeaders(res);
    const path = req.url!.split('?', 1)[0];
    if (graphql && (path === '/graphql' || path === '/graphql/')) {
      if (stopping) return refuseWhileStopping(res);
      void graphql(req, res);
    } else app(req, res);
  });
  const responseCache = config.responseCacheMb > 0 ? new ResponseCache(config.responseCacheMb * 2 ** 20) : null;
  const changes = responseCache
    ? await invalidateOnChange(responseCache, db, log, config.changeListenerHeartbeatMs, config.responseCacheInvalidation)
    : null;
  const span = new DataSpan(db);
  await span.refresh();
  const forgetSpanOnCommit = db.onCommit(() => void span.refresh());
  const schema = await createSchema(config.execution);
  const execution =
    config.execution === 'jit'
      ? { gateway: compiledExecution(schema), stringifyResult: stringifyResult((data) => responseCache?.holds(data) ?? false) }
      : { schema };
  const apollo = new ApolloServer<Context>({
    ...execution,
    introspection: config.introspection,
    // main.ts owns the signals: it stops HTTP first, then the database.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.env !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.maxQueryTokens },
    formatError: formatError(config.env === 'production', (error) => log('GraphQL request failed', error)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      yieldBetweenPhasesPlugin(),
      queryCostPlugin(config.maxQueryCost, () => span.current()),
      readRoutingPlugin(),
      ...(responseCache ? [responseCachePlugin(responseCache, config.responseCacheInvalidation)] : []),
      // The response cache is invalidated by the database's change notifications, not by cache
      // hints' max-age, and the default cache-control plugin wraps every field resolver to collect
      // hints: a few percent of the server's CPU for nothing.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.exposeSqlStatementCount ? [statementCountPlugin()] : []),
    ],
  });
  await apollo.start();
  // A counter call waits at most 500 ms for Redis; past that, or while Redis is away, the request passes uncounted.
  // ioredis loads only when there is a Redis to talk to.
  const redis = config.redisUrl
    ? new (await import('ioredis')).Redis(config.redisUrl, { commandTimeout: 500, maxRetriesPerRequest: 1, connectTimeout: 2000 })
    : null;
  redis?.on('error', (error) => log('Redis error', error));
  let stopping = false;

  const refuseWhileStopping = (res: http.ServerResponse) => {
    res.setHeader('connection', 'close');
    sendJson(res, 503, {
      errors: [{ message: 'The server is shutting down; retry on another instance.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
  };
  app.use((_req, res, next) => (stopping ? refuseWhileStopping(res) : next()));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await db.ping();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  // One set of counters for /graphql and the feeds: an address has one budget.
  const rateLimit = rateLimiter({
    windowMs: config.rateLimitWindowMs,
    perAddress: config.rateLimitPerAddress,
    perKey: config.rateLimitPerKey,
    trustProxyHops: config.trustProxyHops,
    redis,
    log,
  });
  // Whose writes a request's reads must see: its key's, and its address's (an editor's feed reader shares the address).
  const callersOf = (req: http.IncomingMessage, keyId: number | undefined) => {
    const address = `address:${rateLimit.client(req)}`;
    return keyId === undefined ? [address] : [address, `key:${keyId}`];
  };
  graphql = graphqlEndpoint(apollo, {
    maxBodyBytes: config.maxBodyBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    guard: documentGuard({
      maxTokens: config.maxQueryTokens,
      maxDepth: config.maxQueryDepth,
      maxIntrospectionDepth: config.maxIntrospectionDepth,
      maxFields: config.maxQueryFields,
      maxAliases: config.maxQueryAliases,
      maxRepeats: config.maxFieldRepeats,
    }),
    rateLimit,
    context: async (req, res, { signal, deadline }) => {
      const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
      try {
        const viewer = await authenticate(db.query, req.headers.authorization);
        const refusal = viewer && (await rateLimit.key(viewer.keyId, res));
        if (refusal) {
          throw new GraphQLError(refusal.message, {
            extensions: {
              code: 'RATE_LIMITED',
              http: { status: 429, headers: new HeaderMap([['retry-after', String(refusal.retryAfterSeconds)]]) },
            },
          });
        }
        const budget = { statements: config.maxSqlStatements, rows: config.maxSqlRows };
        return createContext(db, requestId, viewer, { budget, signal, deadline }, db.readRoute(callersOf(req, viewer?.keyId)));
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        if (isDatabaseUnavailable(error))
          throw new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } } });
        throw error;
      }
    },
    release: (context) => context.release(),
    log,
  });
  const feeds = { rateLimit, cache: responseCache, log, reads: (req: http.IncomingMessage) => db.readRoute(callersOf(req, undefined)) };
  app.use(feedRouter(feeds));
  app.use(exportRouter(feeds));
  app.use(dashboardRouter());
  if (config.playground) app.use(playgroundRouter());
  app.use(jsonErrors(config.maxBodyBytes, log));

  return {
    server,
    responseCache,
    async stop() {
      stopping = true;
      forgetSpanOnCommit();
      await apollo.stop();
      await changes?.stop();
      redis?.disconnect();
    },
  };
}
