import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchDatabase } from './bench-database';
import { load } from './load';
import { scenarios } from './scenarios';
import { launch } from './servers/launch';
import { eventgraphServer } from './servers/server-specs';
import { DEFAULT_SYNTHETIC } from './synthetic/generate';

/** A V8 CPU profile as `node --cpu-prof` writes it. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/**
 * Where a frame's time goes, tried from the innermost frame of a sample outwards: the first
 * phase whose test matches a frame takes the sample. Order matters: a JSON.parse under
 * node-postgres is reading rows, one under body-parser is reading the request. Node's own socket
 * and stream code matches nothing, so its time goes to the caller (pg's writes to pg, the
 * response's to HTTP); what libuv calls back with no caller of ours above is "other".
 */
const PHASES: [string, (name: string, url: string) => boolean][] = [
  ['garbage collection', (name) => name === '(garbage collector)'],
  ['parse (graphql-js)', (_, url) => url.includes('/graphql/language/')],
  ['validate (graphql-js)', (_, url) => url.includes('/graphql/validation/')],
  ['cost and limits', (_, url) => url.includes('graphql-query-complexity') || url.includes('/src/graphql/limits/')],
  ['serialise the response', (name, url) => url.includes('stringify-result') || (name === 'stringify' && !url)],
  [
    'HTTP: endpoint, request body, response writes',
    (_, url) => /\/express\/|body-parser|raw-body|\/dist\/src\/http\/|^node:_http/.test(url),
  ],
  ['pg: send statements, read rows', (_, url) => /node_modules\/(pg|pg-protocol|pg-types|pg-pool)\//.test(url)],
  [
    'execute (graphql-jit, resolvers, loaders, SQL building)',
    (_, url) => /graphql-jit|\/graphql\/execution\/|\/type-graphql\/|\/dataloader\/|\/dist\/src\//.test(url),
  ],
  ['Apollo request pipeline', (_, url) => url.includes('@apollo/')],
];

/** Samples of `profile` taken between `from` and `to` (µs on V8's monotonic clock), counted by phase, idle left out. */
function samplesByPhase(profile: CpuProfile, from: number, to: number): { phases: Map<string, number>; busy: number } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const phaseOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = phaseOf.get(id);
    if (known) return known;
    let phase = 'other (Node internals, timers, native)';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame;
      const hit = PHASES.find(([, test]) => test(functionName, url));
      if (hit) {
        phase = hit[0];
        break;
      }
    }
    phaseOf.set(id, phase);
    return phase;
  };
  const phases = new Map<string, number>();
  let busy = 0;
  let time = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    time += profile.timeDeltas[i];
    if (time < from || time > to) continue;
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)') continue;
    const phase = classify(id);
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
    busy++;
  }
  return { phases, busy };
}

/**
 * `node dist/bench/profile.js --only talks-by-project,event-page`: runs eventgraph as `npm start`
 * does, with `--cpu-prof`, under the bench's load of each scenario, and prints where the server's
 * CPU time per request goes, by phase. The profile files stay in a temporary folder, removed after.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: 'talks-by-project,event-page,node-lookups' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      interval: { type: 'string', default: '200' },
      port: { type: 'string', default: '5441' },
      'server-url': { type: 'string', default: process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      database: { type: 'string', default: 'eventgraph_bench_profile' },
    },
  });
  const names = values.only!.split(',');
  for (const name of names) if (!scenarios.some((s) => s.name === name)) throw new Error(`--only: no scenario "${name}"`);
  const [seconds, connections, interval, port] = [values.seconds, values.connections, values.interval, values.port].map(Number);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(values.database!))
    throw new Error(`--database must be a plain lower-case PostgreSQL name, not "${values.database}"`);
  const db = await createBenchDatabase(values['server-url']!, values.database!);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-profile-'));
  try {
    await db.fill(DEFAULT_SYNTHETIC);
    const subjects = await db.subjects();
    console.log(
      `load average ${os.loadavg()[0].toFixed(1)}; ${connections} connections, ${seconds} s per scenario, sampling every ${interval} µs`,
    );
    for (const name of names) {
      const scenario = scenarios.find((s) => s.name === name)!;
      const out = path.join(dir, name);
      const args = [...eventgraphServer.nodeArgs, '--cpu-prof', `--cpu-prof-dir=${out}`, `--cpu-prof-interval=${interval}`];
      const server = await launch(name, eventgraphServer.script, port, eventgraphServer.env(db.url), eventgraphServer.probe, args);
      const { path: at, body } = eventgraphServer.request(scenario, subjects);
      await load(server.base + at, body, connections, 2);
      // V8's profile clock and process.hrtime are both the monotonic clock.
      const from = Number(process.hrtime.bigint() / 1000n);
      const result = await load(server.base + at, body, connections, seconds);
      const to = Number(process.hrtime.bigint() / 1000n);
      await server.stop();
      const file = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${name}: the server wrote no profile`);
      const { phases, busy } = samplesByPhase(JSON.parse(readFileSync(path.join(out, file), 'utf8')), from, to);
      const perRequest = (samples: number) => (samples * interval) / 1000 / result.requests;
      console.log(
        `\n${name}: ${result.requests} requests, ${(result.requests / seconds).toFixed(0)} req/s, server busy ${perRequest(busy).toFixed(2)} ms per request\n`,
      );
      console.log('| Phase | ms / request | share |\n| --- | ---: | ---: |');
      for (const [phase, samples] of [...phases].sort((a, b) => b[1] - a[1])) {
        console.log(`| ${phase} | ${perRequest(samples).toFixed(3)} | ${((100 * samples) / busy).toFixed(0)} % |`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
