import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTemplateDir, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('defaults to the embedded database with the playground on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseUrl: null, port: 4000, migrateOnStart: true, seedOnStart: true, playground: true });
    expect(config.dataDir).toMatch(/\.eventgraph\/pgdata$/);
  });

  it('is production unless NODE_ENV says otherwise, and counts SQL statements only outside production', () => {
    expect(loadConfig({})).toMatchObject({ env: 'production', exposeSqlStatementCount: false });
    expect(loadConfig({ NODE_ENV: '' })).toMatchObject({ env: 'production', exposeSqlStatementCount: false });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ env: 'development', exposeSqlStatementCount: true });
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ env: 'test', exposeSqlStatementCount: true });
  });

  it('does not seed a real PostgreSQL server unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x' }).seedOnStart).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/x', SEED_ON_START: 'true' }).seedOnStart).toBe(true);
  });

  it('lists every bad variable in one error', () => {
    const load = () => loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', DATABASE_URL: 'mysql://x', MIGRATE_ON_START: 'maybe' });
    expect(load).toThrow(/PORT must be a whole number from 0 to 65535, not "eighty"/);
    expect(load).toThrow(/NODE_ENV must be development, production or test, not "staging"/);
    expect(load).toThrow(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ connection string/);
    expect(load).toThrow(/MIGRATE_ON_START must be true or false, not "maybe"/);
  });

  it('runs operations with graphql-jit and the bypasses by default; EXECUTION=graphql-js runs the libraries as they come; anything else is refused', () => {
    expect(loadConfig({}).execution).toBe('jit');
    expect(loadConfig({ EXECUTION: 'graphql-js' }).execution).toBe('graphql-js');
    expect(() => loadConfig({ EXECUTION: 'fast' })).toThrow(/EXECUTION must be one of jit, graphql-js, not "fast"/);
  });

  it('keeps 32 MB of responses by default; RESPONSE_CACHE_MB=0 turns the cache off; a bad value is refused', () => {
    expect(loadConfig({}).responseCacheMb).toBe(32);
    expect(loadConfig({ RESPONSE_CACHE_MB: '0' }).responseCacheMb).toBe(0);
    expect(loadConfig({ RESPONSE_CACHE_MB: '256' }).responseCacheMb).toBe(256);
    for (const bad of ['lots', '-1', '1.5', '65537', '32MB']) {
      expect(() => loadConfig({ RESPONSE_CACHE_MB: bad })).toThrow(
        `RESPONSE_CACHE_MB must be a whole number from 0 to 65536, not "${bad}"`,
      );
    }
  });

  it('asks the change listener for a heartbeat every 5 s by default; CHANGE_LISTENER_HEARTBEAT_MS below 100 ms is refused', () => {
    expect(loadConfig({}).changeListenerHeartbeatMs).toBe(5000);
    expect(loadConfig({ CHANGE_LISTENER_HEARTBEAT_MS: '300' }).changeListenerHeartbeatMs).toBe(300);
    for (const bad of ['0', '99', 'often']) {
      expect(() => loadConfig({ CHANGE_LISTENER_HEARTBEAT_MS: bad })).toThrow(
        `CHANGE_LISTENER_HEARTBEAT_MS must be a whole number from 100 to 600000, not "${bad}"`,
      );
    }
  });

  describe('DATABASE_READ_URL', () => {
    const primary = 'postgres://app@primary:5432/eventgraph';

    it('reads no replicas when unset, one URL, or a comma-separated list (spaces around commas allowed)', () => {
      expect(loadConfig({ DATABASE_URL: primary }).readUrls).toEqual([]);
      expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://app@r1/eventgraph' }).readUrls).toEqual([
        'postgres://app@r1/eventgraph',
      ]);
      expect(
        loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'postgres://app@r1/eventgraph, postgresql://app@r2:5433/eventgraph' })
          .readUrls,
      ).toEqual(['postgres://app@r1/eventgraph', 'postgresql://app@r2:5433/eventgraph']);
    });

    it('is refused with the embedded database, which has no replicas', () => {
      expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://app@r1/eventgraph' })).toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
    });

    it('refuses a bad entry by its position, without repeating it (it may hold a password)', () => {
      const load = (urls: string) => () => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: urls });
      expect(load('mysql://app:s3cret@r1/x')).toThrow(
        /^(?!.*s3cret).*DATABASE_READ_URL must be a postgres:\/\/ or postgresql:\/\/ connection string with a host/s,
      );
      expect(load('postgres://app@r1/x,not a url')).toThrow(
        "DATABASE_READ_URL's entry 2 must be a postgres:// or postgresql:// connection string with a host",
      );
      expect(load('postgres://app@r1/x,,postgres://app@r2/x')).toThrow("DATABASE_READ_URL's entry 2 is empty");
      expect(load('postgres://app@r1/x,')).toThrow("DATABASE_READ_URL's entry 2 is empty");
      expect(load(`postgres://app@r1/x,${primary}`)).toThrow("DATABASE_READ_URL's entry 2 is DATABASE_URL itself");
      expect(load('postgres://app@r1/x,postgres://app@r1/x')).toThrow("DATABASE_READ_URL's entry 2 repeats an earlier entry");
      expect(load('postgres:///eventgraph')).toThrow(/with a host/);
    });

    it('skips replicas lagging over 5 s, checks them every 100 ms and retries a failed one after 2 s by default; bad values are refused', () => {
      expect(loadConfig({})).toMatchObject({ replicaMaxLagMs: 5000, replicaCheckMs: 100, replicaRetryMs: 2000 });
      expect(loadConfig({ REPLICA_MAX_LAG_MS: '250', REPLICA_CHECK_MS: '20', REPLICA_RETRY_MS: '500' })).toMatchObject({
        replicaMaxLagMs: 250,
        replicaCheckMs: 20,
        replicaRetryMs: 500,
      });
      expect(() => loadConfig({ REPLICA_MAX_LAG_MS: 'soon' })).toThrow(
        'REPLICA_MAX_LAG_MS must be a whole number from 100 to 3600000, not "soon"',
      );
      expect(() => loadConfig({ REPLICA_MAX_LAG_MS: '500', REPLICA_CHECK_MS: '500' })).toThrow(
        'REPLICA_CHECK_MS (500) must be less than REPLICA_MAX_LAG_MS (500)',
      );
      expect(() => loadConfig({ REPLICA_CHECK_MS: '5' })).toThrow('REPLICA_CHECK_MS must be a whole number from 10 to 60000, not "5"');
      expect(() => loadConfig({ REPLICA_RETRY_MS: '-1' })).toThrow('REPLICA_RETRY_MS must be a whole number from 100 to 600000, not "-1"');
    });
  });

  it("reads PGLITE_TEMPLATE_DIR: the build's folder by default, off for none, a file refused", () => {
    expect(loadConfig({}).pgliteTemplateDir).toBe(defaultTemplateDir());
    expect(defaultTemplateDir()).toBe(path.resolve(__dirname, '..', 'dist', 'pglite-template'));
    expect(loadConfig({ PGLITE_TEMPLATE_DIR: 'OFF' }).pgliteTemplateDir).toBeNull();
    expect(loadConfig({ PGLITE_TEMPLATE_DIR: 'templates' }).pgliteTemplateDir).toBe(path.resolve('templates'));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-config-'));
    try {
      const file = path.join(dir, 'template.tar');
      writeFileSync(file, '');
      expect(() => loadConfig({ PGLITE_TEMPLATE_DIR: file })).toThrow(`PGLITE_TEMPLATE_DIR must be a folder or off, but ${file} is a file`);
      expect(loadConfig({ PGLITE_TEMPLATE_DIR: dir }).pgliteTemplateDir).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads SOURCE_ROOTS: the working directory when unset, else existing folders with links resolved; empty or missing entries are refused', () => {
    expect(loadConfig({}).sourceRoots).toEqual([realpathSync(process.cwd())]);
    const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'eventgraph-roots-')));
    try {
      mkdirSync(path.join(dir, 'corpus'));
      symlinkSync(path.join(dir, 'corpus'), path.join(dir, 'link'));
      writeFileSync(path.join(dir, 'file'), '');
      expect(loadConfig({ SOURCE_ROOTS: `${dir}/link${path.delimiter}${dir}/corpus/` }).sourceRoots).toEqual([path.join(dir, 'corpus')]);
      expect(() => loadConfig({ SOURCE_ROOTS: `${dir}/none${path.delimiter}${path.delimiter}${dir}/file` })).toThrow(
        [
          `SOURCE_ROOTS's entry 1 (${dir}/none) is not an existing folder`,
          `SOURCE_ROOTS's entry 2 is empty; separate folders with single "${path.delimiter}"`,
          `SOURCE_ROOTS's entry 3 (${dir}/file) is not an existing folder`,
        ].join('\n- '),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
