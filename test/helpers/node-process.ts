import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** How a process ended and everything it printed. */
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** A process of the built package running (`node <args>` in the package root), and its end. */
export interface Running {
  child: ChildProcess;
  output(): string;
  ended: Promise<Ended>;
}

/** Starts `node <args>` in the package root with `env` over this process's environment. */
export function startNode(args: string[], env: Record<string, string> = {}): Running {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ended = new Promise<Ended>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, output })));
  return { child, output: () => output, ended };
}

/** Runs `node <args>` to its end. */
export function runNode(args: string[], env: Record<string, string> = {}): Promise<Ended> {
  return startNode(args, env).ended;
}
