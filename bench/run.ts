import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchDatabase } from './bench-database';
import { runGrowth } from './growth';
import { checkAnswers, type Contender, type Measurement, timedRun } from './measure';
import { renderComparison } from './report';
import { scenarios } from './scenarios';
import { launch } from './servers/launch';
import { cachedEventgraphServer, graphqlJsEventgraphServer, serverSpecs } from './servers/server-specs';
import { measureStartup } from './startup';
import { DEFAULT_SYNTHETIC } from './synthetic/generate';

const skippedStartup = { postgres: { wall: NaN, cpu: NaN }, pgliteFresh: { wall: NaN, cpu: NaN }, pgliteExisting: { wall: NaN, cpu: NaN } };

const RESULTS = path.join(__dirname, '..', '..', 'bench', 'results');

function readOptions() {
  const { values } = parseArgs({
    options: {
      growth: { type: 'boolean', default: false },
      scales: { type: 'string', default: '1,10,50' },
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10,50' },
      only: { type: 'string' },
      'server-url': { type: 'string', default: process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      database: { type: 'string', default: 'eventgraph_bench' },
      keep: { type: 'boolean', default: false },
      'skip-startup': { type: 'boolean', default: false },
      // The first of the ports the servers listen on (this and the next 19), so that two benches on one machine do not collide.
      port: { type: 'string', default: '5411' },
    },
  });
  const whole = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(values.database!))
    throw new Error(`--database must be a plain lower-case PostgreSQL name, not "${values.database}"`);
  const only = values.only?.split(',');
  for (const name of only ?? []) {
    if (!scenarios.some((s) => s.name === name))
      throw new Error(`--only: no scenario "${name}"; there are ${scenarios.map((s) => s.name).join(', ')}`);
  }
  return {
    growth: values.growth!,
    scales: values.scales!.split(',').map((c) => whole('scales', c, 1, 100)),
    rounds: whole('rounds', values.rounds!, 1, 50),
    seconds: whole('seconds', values.seconds!, 1, 120),
    connections: values.connections!.split(',').map((c) => whole('connections', c, 1, 1000)),
    only,
    serverUrl: values['server-url']!,
    database: values.database!,
    keep: values.keep!,
    skipStartup: values['skip-startup']!,
    port: whole('port', values.port!, 1024, 65000),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const db = await createBenchDatabase(options.serverUrl, options.database);
  try {
    if (options.growth) {
      await runGrowth(db, { ...options, log, results: RESULTS });
      return;
    }
    const dataset = await db.fill(DEFAULT_SYNTHETIC);
    log(`database ${options.database}: ${JSON.stringify(dataset)}`);
    const subjects = await db.subjects();
    const active = scenarios.filter((s) => !options.only || options.only.includes(s.name));
    const contenders: Contender[] = [];
    try {
      for (const [i, spec] of [...serverSpecs, graphqlJsEventgraphServer, cachedEventgraphServer].entries()) {
        contenders.push({
          spec,
          process: await launch(spec.name, spec.script, options.port + i, spec.env(db.url), spec.probe, spec.nodeArgs),
        });
      }
      log(`servers up: ${contenders.map((c) => `${c.spec.label} (pid ${c.process.pid})`).join(', ')}`);
      const statements: Record<string, Record<string, number>> = {};
      for (const scenario of active) {
        statements[scenario.name] = await checkAnswers(contenders, scenario, subjects);
        log(`${scenario.name}: answers equal; statements per request ${JSON.stringify(statements[scenario.name])}`);
      }
      const measurements: Measurement[] = [];
      for (const connections of options.connections) {
        const measured = contenders.filter((c) => !c.spec.connections || c.spec.connections.includes(connections));
        for (const scenario of active) {
          for (const contender of measured) await timedRun(contender, scenario, subjects, connections, 1, db);
          const byServer = measured.map((c) => {
            const m: Measurement = { scenario: scenario.name, server: c.spec.name, connections, runs: [], rss: [] };
            measurements.push(m);
            return m;
          });
          for (let round = 0; round < options.rounds; round++) {
            for (const [i, contender] of measured.entries()) {
              const { result, rss } = await timedRun(contender, scenario, subjects, connections, options.seconds, db);
              byServer[i].runs.push(result);
              byServer[i].rss.push(rss);
            }
          }
          const rps = byServer.map((m) => `${m.server} ${m.runs.map((r) => r.requestsPerSecond.toFixed(0)).join('/')}`);
          log(`${scenario.name} @${connections}: ${rps.join('; ')}`);
        }
      }
      for (const contender of contenders) await contender.process.stop();
      contenders.length = 0;
      const startup = options.skipStartup ? skippedStartup : await measureStartup(db.url, options.port + 8);
      log(`start-up: ${JSON.stringify(startup)}`);
      const [{ version }] = await db.query<{ version: string }>('SELECT version()');
      const cpus = os.cpus();
      const markdown = renderComparison(
        {
          date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
          machine: `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB`,
          node: process.versions.node,
          postgres: version.split(' on ')[0],
          dataset,
          rounds: options.rounds,
          seconds: options.seconds,
          connections: options.connections,
          scenarios: active,
          statements,
          measurements,
          startup,
          minutes: (Date.now() - started) / 60_000,
          load: [loadAtStart, os.loadavg()[0]],
        },
        path.join(RESULTS, 'optimizations.md'),
      );
      const out = options.only || options.skipStartup ? path.join(os.tmpdir(), 'eventgraph-bench') : RESULTS;
      mkdirSync(out, { recursive: true });
      writeFileSync(path.join(out, 'REPORT.md'), markdown);
      writeFileSync(path.join(out, 'measurements.json'), `${JSON.stringify({ subjects, statements, measurements, startup }, null, 1)}\n`);
      console.log(`\n${markdown.split('\n## Start-up')[0]}`);
      log(`report written to ${path.join(out, 'REPORT.md')}${out === RESULTS ? '' : ' (a partial run: bench/results is left as it is)'}`);
    } finally {
      for (const contender of contenders) await contender.process.stop();
    }
  } finally {
    if (!options.keep) await db.drop();
  }
}

// Exit through process.exit on a signal, so the servers' exit hooks stop them too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
