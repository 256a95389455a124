import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A benchmarked server running as a child process with the statement counter preloaded. */
export interface RunningServer {
  name: string;
  base: string;
  pid: number;
  /** SQL statements the process has sent so far. */
  statements(): Promise<number>;
  /** Resident memory of the process, from /proc, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

const COUNTER = path.join(__dirname, 'count-statements.js');

/** Starts `script` (with Node flags `nodeArgs`) with `env` on `port` and waits until `probe` answers 200. */
export async function launch(
  name: string,
  script: string,
  port: number,
  env: Record<string, string>,
  probe: { path: string; body: string },
  nodeArgs: string[] = [],
): Promise<RunningServer> {
  const child: ChildProcess = fork(script, [], {
    env: { ...process.env, ...env, PORT: String(port) },
    execArgv: [...nodeArgs, '--require', COUNTER],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // However the orchestrator ends, no server outlives it.
  process.once('exit', () => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${stderr}`);
    try {
      const response = await fetch(base + probe.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: probe.body,
      });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    name,
    base,
    pid: child.pid!,
    statements: () =>
      new Promise((resolve) => {
        child.once('message', (message: { statements: number }) => resolve(message.statements));
        child.send('stats');
      }),
    rss: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : NaN;
    },
    stop: () => stopChild(child),
  };
}

/**
 * Stops a server process: SIGTERM, then SIGKILL after 2 s. Servers drain open keep-alive
 * connections for a while; the benchmark measures neither that nor a clean stop.
 */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
