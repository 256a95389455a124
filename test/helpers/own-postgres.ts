import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server of a test's own, which the test may stop and start at will. */
export interface OwnPostgres {
  url: string;
  port: number;
  /** Stops the server: `fast` disconnects clients, `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** What the server has written to its log so far. */
  log(): string;
  /** Stops the server and deletes its files. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql.');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A temporary folder owned by the server's user, and how to run a server binary as that user. */
async function ownFolder(): Promise<{ dir: string; pg: (tool: string, args: string[]) => Promise<unknown> }> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', `${bin}/${tool}`, ...args]) : run(`${bin}/${tool}`, args);
  return { dir, pg };
}

/** Starts the server of `data` on a free loopback port with `settings` (`name=value`), with start, stop and destroy. */
async function serve(
  dir: string,
  data: string,
  pg: (tool: string, args: string[]) => Promise<unknown>,
  settings: readonly string[],
): Promise<OwnPostgres> {
  const port = await freePort();
  const logFile = path.join(dir, 'log');
  const extra = settings.map((setting) => ` -c ${setting}`).join('');
  const start = async () => {
    await pg('pg_ctl', [
      '-D',
      data,
      '-l',
      logFile,
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50${extra}`,
      'start',
    ]);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    log: () => readFileSync(logFile, 'utf8'),
    async destroy() {
      await stop('immediate').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `initdb` in a temporary folder and `pg_ctl start` on a free loopback port. initdb refuses to
 * run as root, so as root every command runs as the `postgres` user. Its `wal_level` is
 * initdb's default, `replica`, and its pg_hba.conf trusts replication from loopback, so
 * `startOwnReplica` can stream from it.
 */
export async function startOwnPostgres(settings: readonly string[] = []): Promise<OwnPostgres> {
  const { dir, pg } = await ownFolder();
  const data = path.join(dir, 'data');
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  return serve(dir, data, pg, settings);
}

/**
 * A streaming replica of `primary` (a server of `startOwnPostgres`): `pg_basebackup -R` (which
 * writes standby.signal and the primary's address) into a temporary folder, started on a port
 * of its own. It answers reads (hot standby) and replays what the primary writes.
 */
export async function startOwnReplica(primary: OwnPostgres, settings: readonly string[] = []): Promise<OwnPostgres> {
  const { dir, pg } = await ownFolder();
  const data = path.join(dir, 'data');
  // A fast checkpoint: the default spread one would keep the backup waiting for minutes.
  await pg('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  return serve(dir, data, pg, settings);
}

/** Whether PostgreSQL's server binaries are on this machine (the tests that start servers of their own skip without). */
export function hasPostgresBinaries(): boolean {
  try {
    binDir();
    return true;
  } catch {
    return false;
  }
}
