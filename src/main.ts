import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config';
import { Database, lockDataDir } from './database/database';
import { restoreTemplateFor } from './dataset/pglite-template';
import { seedIfEmpty } from './dataset/seed';
import { createApp } from './http/app';

/** Process entry: configuration → database (migrated, seeded) → HTTP server; clean stop on SIGTERM. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  // The embedded database's folder is this process's from before a template is copied into it.
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir);
  const template = restoreTemplateFor(config);
  if (template) console.log(`New database copied from the template ${template}`);
  const db = await Database.connect(
    config.databaseUrl
      ? {
          kind: 'postgres',
          url: config.databaseUrl,
          poolSize: config.poolSize,
          statementTimeoutMs: config.statementTimeoutMs,
          replicas: {
            urls: config.readUrls,
            maxLagMs: config.replicaMaxLagMs,
            checkMs: config.replicaCheckMs,
            retryMs: config.replicaRetryMs,
            log: console.error,
          },
        }
      : { kind: 'pglite', dataDir: config.dataDir, lock, maxQueue: config.pgliteQueueMax },
  );
  if (config.migrateOnStart) {
    const applied = await db.migrate();
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  }
  if (config.seedOnStart) {
    const seeded = await seedIfEmpty(db);
    if (seeded) console.log(`Loaded the built-in dataset: ${seeded}`);
  }
  const app = await createApp(config, db);
  app.server.listen(config.port, config.host, () => {
    const { port } = app.server.address() as AddressInfo;
    lock?.announce(`http://${config.host}:${port}`);
    const replicas = config.readUrls.length ? ` with ${config.readUrls.length} read replica${config.readUrls.length > 1 ? 's' : ''}` : '';
    const where = config.databaseUrl ? `PostgreSQL${replicas}` : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
    console.log(`eventgraph ready in ${Date.now() - started} ms on ${where}`);
    console.log(`  playground  http://${config.host}:${port}/`);
    console.log(`  GraphQL     http://${config.host}:${port}/graphql`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    // PGlite's one connection may have a long queue: what still waits after the grace is refused
    // (SERVICE_UNAVAILABLE), so a stop takes the grace and one statement, not the whole queue.
    const grace = setTimeout(() => db.refuseWaiting(), config.shutdownGraceMs);
    try {
      await app.stop();
      clearTimeout(grace);
      console.log('HTTP server stopped; closing the database');
      await db.close();
      console.log('Stopped cleanly');
      process.exit(0);
    } catch (error) {
      console.error('Unclean stop', error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
