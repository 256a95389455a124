import type { BenchDatabase } from './bench-database';
import { firstDifference } from './canonical';
import { processCpuMs } from './cpu';
import { load, type LoadResult } from './load';
import type { BenchSubjects, Scenario } from './scenarios';
import type { RunningServer } from './servers/launch';
import type { ServerSpec } from './servers/server-specs';

/** A server as the orchestrator drives it: how it is asked, and the running process. */
export interface Contender {
  spec: ServerSpec;
  process: RunningServer;
}

/** Timed runs of one scenario on one server at one number of connections. */
export interface Measurement {
  scenario: string;
  server: ServerSpec['name'];
  connections: number;
  runs: RunResult[];
  /** Resident memory after each run, bytes. */
  rss: number[];
}

/** The server's canonical answer to the scenario, and what its response cache said of it (eventgraph's `x-response-cache`). */
async function ask(contender: Contender, scenario: Scenario, subjects: BenchSubjects): Promise<{ answer: unknown; cache: string | null }> {
  const { path, body } = contender.spec.request(scenario, subjects);
  const response = await fetch(contender.process.base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${contender.spec.label} answered ${scenario.name} with HTTP ${response.status}: ${text.slice(0, 500)}`);
  return { answer: contender.spec.answer(scenario, JSON.parse(text)), cache: response.headers.get('x-response-cache') };
}

/**
 * Asks every server the scenario twice, throws unless every answer equals eventgraph's (a server
 * with a response cache: the first a MISS, the second a HIT, both equal), and returns the SQL
 * statements each server sent for the second request (counted by the preloaded counter).
 */
export async function checkAnswers(contenders: Contender[], scenario: Scenario, subjects: BenchSubjects): Promise<Record<string, number>> {
  const statements: Record<string, number> = {};
  let reference: unknown;
  for (const contender of contenders) {
    const first = await ask(contender, scenario, subjects);
    const before = await contender.process.statements();
    const second = await ask(contender, scenario, subjects);
    statements[contender.spec.name] = (await contender.process.statements()) - before;
    if (contender.spec.responseCache && (first.cache !== 'MISS' || second.cache !== 'HIT')) {
      throw new Error(`${scenario.name}: ${contender.spec.label} answered ${first.cache} then ${second.cache}, not MISS then HIT`);
    }
    const answers = contender.spec.responseCache ? [first.answer, second.answer] : [second.answer];
    if (reference === undefined) {
      reference = second.answer;
      if (JSON.stringify(reference).length < 20)
        throw new Error(`${scenario.name}: the answer is empty (${JSON.stringify(reference)}); the subjects find nothing`);
    }
    for (const answer of answers) {
      const difference = firstDifference(reference, answer);
      if (difference)
        throw new Error(`${scenario.name}: ${contender.spec.label} answers differently from ${contenders[0].spec.label} at ${difference}`);
    }
  }
  return statements;
}

/** A timed run's figures, with the CPU the server process and PostgreSQL spent per request. */
export interface RunResult extends LoadResult {
  serverCpuMs: number;
  databaseCpuMs: number;
}

/**
 * One timed run of `scenario` on `contender`, started once the database is idle. `database.backends`
 * lists the PostgreSQL backend processes of the benchmark database; only the server under load
 * uses its backends during the run.
 * Failed requests (errors, non-2xx answers, autocannon's 10 s timeout) are counted, not fatal:
 * a server that cannot keep up at 50 connections is a result, and the report shows it.
 */
export async function timedRun(
  contender: Contender,
  scenario: Scenario,
  subjects: BenchSubjects,
  connections: number,
  seconds: number,
  database: Pick<BenchDatabase, 'backends' | 'settle'>,
): Promise<{ result: RunResult; rss: number }> {
  const { path, body } = contender.spec.request(scenario, subjects);
  await database.settle();
  const pids = await database.backends();
  const server = processCpuMs(contender.process.pid);
  const before = pids.map(processCpuMs);
  const loaded = await load(contender.process.base + path, body, connections, seconds);
  // A backend that ended during the run (its pool let it go) reads 0 and is left out. One that
  // started during it (its pool had let the old ones go while other servers ran) counts whole:
  // all its CPU is this run's.
  const kept = pids.map(processCpuMs).reduce((sum, after, i) => (after > 0 ? sum + after - before[i] : sum), 0);
  const started = (await database.backends()).filter((pid) => !pids.includes(pid));
  const databaseCpu = kept + started.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const result = {
    ...loaded,
    serverCpuMs: (processCpuMs(contender.process.pid) - server) / loaded.requests,
    databaseCpuMs: databaseCpu / loaded.requests,
  };
  return { result, rss: contender.process.rss() };
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
