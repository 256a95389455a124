import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who holds an embedded data folder, as written in its lock file. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
  /** The holder's command line, e.g. `node dist/src/main.js`. */
  command: string;
  /** The holder's start in clock ticks since boot (Linux), so a reused pid is not taken for the holder. */
  processStart: string | null;
  /** Where the holder serves GraphQL, once it listens; null for the command-line tools. */
  url: string | null;
  /** Tells this holding apart from any other, even of the same pid. */
  nonce: string;
}

/** Thrown when another live process holds the data folder; the message says who and what to do. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.hostname === os.hostname() ? '' : ` on the host ${holder.hostname}`;
    const stop = `(Ctrl-C in its terminal, or \`kill ${holder.pid}\`)`;
    const viaServer = `API keys with the \`apiKeyCreate\` and \`apiKeyRevoke\` mutations, pages with \`eventPageImport\` (README, "Keys, roles and limits")`;
    const next = isServer(holder)
      ? `Either stop that process first ${stop} and run this again, or make the change through the running server: ${viaServer}.`
      : `Wait for it to end, or stop it ${stop}, and run this again.`;
    super(
      `The embedded database ${dataDir} is in use by process ${holder.pid}${where}, \`${holder.command}\`${holder.url ? ` (serving ${holder.url}/graphql)` : ''}, since ${holder.since}. ` +
        `Two processes on one PGlite folder corrupt it, so this one stops. ${next}` +
        (where ? ` If that host no longer runs it, delete ${lockPath(dataDir)}.` : ''),
    );
    this.name = 'DataDirLockedError';
  }
}

/** Whether the holder is the server (which may be starting, not yet serving), not a command that ends by itself. */
export function isServer(holder: LockHolder): boolean {
  return holder.url !== null || /(^|[\\/ ])main\.js( |$)/.test(holder.command);
}

/** The lock file of a data folder: beside it, so PGlite and the template copy never see it. */
export function lockPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/**
 * An exclusive hold on an embedded data folder, taken before PGlite opens it and let go when the
 * database closes or the process ends (normally, through `process.exit`, or on SIGINT, SIGTERM
 * or SIGHUP when nothing else handles them). Node has no `flock`, so the lock is a file created
 * with `link(2)`: atomic, failing when the name exists, and never seen half written.
 */
export class DataDirLock {
  private constructor(
    readonly dataDir: string,
    readonly file: string,
    private holder: LockHolder,
  ) {}

  /**
   * Takes the folder's lock, or throws DataDirLockedError naming the live holder. A lock left by a
   * process of this host that no longer runs is taken over, with a notice on stderr.
   */
  static acquire(dataDir: string, notice: (message: string) => void = (message) => console.warn(message)): DataDirLock {
    // By its real path, so that a symbolic link to a folder in use finds the same lock.
    mkdirSync(dataDir, { recursive: true });
    const dir = realpathSync(dataDir);
    const file = lockPath(dir);
    const holder = ownHolder();
    take(dir, file, holder, (stale) =>
      notice(`Took over the lock of ${dir} from process ${stale.pid} (\`${stale.command}\`, since ${stale.since}), which no longer runs.`),
    );
    const lock = new DataDirLock(dir, file, holder);
    held.add(lock);
    releaseOnExit();
    return lock;
  }

  /** Adds where this process serves GraphQL to the lock, for the message another process gets. */
  announce(url: string): void {
    if (!held.has(this)) return;
    this.holder = { ...this.holder, url };
    const temporary = `${this.file}.${this.holder.nonce}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.holder));
    // Only the holder writes its lock; a rename replaces it whole.
    renameSync(temporary, this.file);
  }

  /** Lets go of the folder; does nothing when the lock is not (any longer) this one's. */
  release(): void {
    if (!held.delete(this)) return;
    if (readHolder(this.file)?.nonce === this.holder.nonce) unlinkQuietly(this.file);
  }
}

/** The locks this process holds. */
const held = new Set<DataDirLock>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let listening = false;

function releaseAll(): void {
  for (const lock of held) lock.release();
}

/**
 * On a signal nobody else handles, Node would end the process without an `exit` event: let go,
 * then end as that signal would have. Where the process handles it (the server's clean stop),
 * the locks stay until that stop closes the database or exits.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.off('exit', releaseAll);
  for (const each of SIGNALS) process.off(each, onSignal);
  process.kill(process.pid, signal);
}

function releaseOnExit(): void {
  if (listening) return;
  listening = true;
  process.on('exit', releaseAll);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

/**
 * Creates `file` holding `holder`, taking over a stale holder's lock. Takeover is a
 * compare-and-swap: contenders for one stale holding first take a guard lock named after it (by
 * this same function, so a guard left by a contender that died is itself taken over), and only
 * the guard's winner, finding the stale holding still in place, replaces it.
 */
function take(dataDir: string, file: string, holder: LockHolder, onTakeover: (stale: LockHolder) => void): void {
  const temporary = `${file}.${holder.nonce}.tmp`;
  writeFileSync(temporary, JSON.stringify(holder));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        linkSync(temporary, file);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
          throw new Error(
            `The file system of ${dataDir} has no hard links, which its lock needs: keep DATA_DIR on a local disk, or use DATABASE_URL.`,
            { cause: error },
          );
        }
        if (code !== 'EEXIST') throw error;
      }
      const current = readHolder(file);
      if (current === undefined) continue; // released meanwhile
      if (current === null)
        throw new Error(`The lock file ${file} is not one eventgraph wrote; if no eventgraph process uses ${dataDir}, delete it.`);
      if (isAlive(current)) throw new DataDirLockedError(dataDir, current);
      const guard = `${file}-${current.nonce}`;
      try {
        take(dataDir, guard, holder, () => {});
      } catch (error) {
        if (!(error instanceof DataDirLockedError)) throw error;
        // Another contender is replacing this stale lock right now: look again once it is done
        // (a takeover takes microseconds; a guard held for seconds is not one).
        if (attempt > 300)
          throw new Error(
            `The lock of ${dataDir} is stale, but ${guard} is held by process ${error.holder.pid}; if no eventgraph process uses ${dataDir}, delete both files.`,
          );
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      try {
        if (readHolder(file)?.nonce !== current.nonce) continue; // another contender took over first
        renameSync(temporary, file);
        onTakeover(current);
        return;
      } finally {
        unlinkQuietly(guard);
      }
    }
  } finally {
    unlinkQuietly(temporary);
  }
}

/** The holder a lock file names; undefined when there is no file, null when it is not a lock. */
function readHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 && typeof holder.nonce === 'string' ? holder : null;
  } catch {
    return null;
  }
}

/** Whether the holder may still run: always for another host's, which this one cannot see. */
function isAlive(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStart(holder.pid);
  return start === null || holder.processStart === null || start === holder.processStart;
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat); null where there is no /proc. */
function processStart(pid: number | 'self'): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in field 2 may hold spaces and parentheses; the fields after it do not.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function ownHolder(): LockHolder {
  const [node, script = '', ...args] = process.argv;
  const command = [path.basename(node), script && path.relative(process.cwd(), script), ...args].join(' ');
  return {
    pid: process.pid,
    hostname: os.hostname(),
    since: new Date().toISOString(),
    command: command.length > 200 ? `${command.slice(0, 200)}…` : command,
    processStart: processStart('self'),
    url: null,
    nonce: randomBytes(12).toString('hex'),
  };
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
