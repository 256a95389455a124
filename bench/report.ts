import { SEARCH_CANDIDATES_PER_KIND } from '../src/search/search.query';
import { startFlags } from './servers/server-specs';
import { existsSync, readFileSync } from 'node:fs';
import type { Measurement } from './measure';
import { median } from './measure';
import type { Scenario } from './scenarios';
import type { StartupTimes } from './startup';
import type { SyntheticCounts } from './synthetic/generate';

/** Everything one `npm run bench` measured. */
export interface ComparisonReport {
  date: string;
  machine: string;
  node: string;
  postgres: string;
  dataset: SyntheticCounts;
  rounds: number;
  seconds: number;
  connections: number[];
  scenarios: Scenario[];
  statements: Record<string, Record<string, number>>;
  measurements: Measurement[];
  startup: StartupTimes;
  minutes: number;
  /** The machine's 1-minute load average when the run started and when it ended. */
  load: [number, number];
}

const SERVERS = [
  ['eventgraph', 'eventgraph'],
  ['postgraphile', 'PostGraphile 4'],
  ['raw', 'raw SQL ceiling'],
  ['cards', 'cards SQL ceiling'],
] as const;

/** The scenarios whose target is stated against the cards ceiling. */
const CARDS_TARGET = ['talks-by-project', 'event-page', 'node-lookups'];

const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** `a ÷ b` in bold, or a dash when either had no request finish inside the window. */
const ratio = (a: number | undefined, b: number | undefined) => (a && b && a > 0 && b > 0 ? `**${fixed(a / b, 2)}×**` : '–');

function summary(report: ComparisonReport, scenario: string, server: string, connections: number) {
  const m = report.measurements.find((x) => x.scenario === scenario && x.server === server && x.connections === connections);
  if (!m) return null;
  return {
    rps: median(m.runs.map((r) => r.requestsPerSecond)),
    p50: median(m.runs.map((r) => r.p50)),
    p99: median(m.runs.map((r) => r.p99)),
    rss: median(m.rss) / 2 ** 20,
    failed: m.runs.reduce((sum, r) => sum + r.errors, 0),
    serverCpu: median(m.runs.map((r) => r.serverCpuMs)),
    databaseCpu: median(m.runs.map((r) => r.databaseCpuMs)),
  };
}

/** The results table at one number of connections, with the ratios the targets are stated in. */
function table(report: ComparisonReport, connections: number): string {
  const lines = [
    `| Scenario | Server | req/s | p50 ms | p99 ms | SQL statements / request | CPU ms / request: server + PostgreSQL | RSS MB | ours / PostGraphile | ours / raw ceiling | ours / cards ceiling |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const scenario of report.scenarios) {
    const ours = summary(report, scenario.name, 'eventgraph', connections);
    for (const [server, label] of SERVERS) {
      const s = summary(report, scenario.name, server, connections);
      if (!s) continue;
      const vs = ratio(ours!.rps, s.rps);
      const theirs = ['postgraphile', 'raw', 'cards'].map((other) => (server === other ? vs : '')).join(' | ');
      if (s.rps === 0) {
        lines.push(
          `| ${server === 'eventgraph' ? scenario.name : ''} | ${label} | none finished within ${report.seconds} s | – | – | ${report.statements[scenario.name]?.[server] ?? '–'} | – | ${fixed(s.rss)} | ${theirs} |`,
        );
        continue;
      }
      lines.push(
        `| ${server === 'eventgraph' ? scenario.name : ''} | ${label} | ${fixed(s.rps)}${s.failed ? ` (${s.failed} failed)` : ''} | ${fixed(s.p50, 1)} | ${fixed(s.p99, 1)} | ${report.statements[scenario.name]?.[server] ?? '–'} | ${fixed(s.serverCpu, 1)} + ${fixed(s.databaseCpu, 1)} | ${fixed(s.rss)} | ${theirs} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * eventgraph with its response cache on, at 10 connections, apart from the targets (stated with
 * any response cache off); null when it was not measured.
 */
function cachedTable(report: ComparisonReport): string | null {
  const lines = [
    `| Scenario | req/s | p50 ms | p99 ms | SQL statements / request | CPU ms / request: server + PostgreSQL | RSS MB | cached / PostGraphile | cached / eventgraph without cache |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const scenario of report.scenarios) {
    const s = summary(report, scenario.name, 'eventgraph-cached', 10);
    if (!s) continue;
    const [postgraphile, uncached] = ['postgraphile', 'eventgraph'].map((server) => summary(report, scenario.name, server, 10)?.rps);
    lines.push(
      `| ${scenario.name} | ${fixed(s.rps)}${s.failed ? ` (${s.failed} failed)` : ''} | ${fixed(s.p50, 1)} | ${fixed(s.p99, 1)} | ${report.statements[scenario.name]?.['eventgraph-cached'] ?? '–'} | ${fixed(s.serverCpu, 1)} + ${fixed(s.databaseCpu, 1)} | ${fixed(s.rss)} | ${ratio(s.rps, postgraphile)} | ${ratio(s.rps, uncached)} |`,
    );
  }
  return lines.length > 2 ? lines.join('\n') : null;
}

/**
 * eventgraph in both execution modes at 10 connections, each against PostGraphile and the cards
 * ceiling: what graphql-jit and the direct resolvers (EXECUTION=jit, the default) gain; null when
 * graphql-js was not measured.
 */
function executionTable(report: ComparisonReport): string | null {
  const lines = [
    `| Scenario | jit req/s | graphql-js req/s | jit ÷ graphql-js | CPU ms / request, server: jit / graphql-js | jit / PostGraphile | graphql-js / PostGraphile | jit / cards ceiling | graphql-js / cards ceiling |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const scenario of report.scenarios) {
    const [jit, js, postgraphile, cards] = ['eventgraph', 'eventgraph-graphql-js', 'postgraphile', 'cards'].map((server) =>
      summary(report, scenario.name, server, 10),
    );
    if (!jit || !js) continue;
    lines.push(
      `| ${scenario.name} | ${fixed(jit.rps)} | ${fixed(js.rps)} | ${ratio(jit.rps, js.rps)} | ${fixed(jit.serverCpu, 2)} / ${fixed(js.serverCpu, 2)} | ${ratio(jit.rps, postgraphile?.rps)} | ${ratio(js.rps, postgraphile?.rps)} | ${ratio(jit.rps, cards?.rps)} | ${ratio(js.rps, cards?.rps)} |`,
    );
  }
  return lines.length > 2 ? lines.join('\n') : null;
}

/** Whether each target of the issue holds in this run. */
function targets(report: ComparisonReport): string {
  const rows: string[] = ['| Target | Holds | Measured |', '| --- | --- | --- |'];
  const at10 = (name: string, server: string) => summary(report, name, server, 10)!;
  // A partial run (--only, --connections) states the targets over what it measured.
  const measured = report.scenarios.filter((s) => summary(report, s.name, 'eventgraph', 10));
  if (measured.length) {
    const vsPg = measured.map((s) => [s.name, at10(s.name, 'eventgraph').rps / at10(s.name, 'postgraphile').rps] as const);
    const worst = vsPg.reduce((a, b) => (b[1] < a[1] ? b : a));
    rows.push(
      `| every scenario ≥ 1.0× PostGraphile's req/s (10 connections) | ${worst[1] >= 1 ? 'yes' : 'no'} | lowest: ${worst[0]} ${fixed(worst[1], 2)}× |`,
    );
    if (measured.some((s) => s.name === 'talks-by-project')) {
      const main = at10('talks-by-project', 'eventgraph').rps / at10('talks-by-project', 'raw').rps;
      rows.push(`| talks-by-project ≥ 0.6× the raw ceiling | ${main >= 0.6 ? 'yes' : 'no'} | ${fixed(main, 2)}× |`);
    }
    const vsCards = measured.filter((s) => CARDS_TARGET.includes(s.name) && summary(report, s.name, 'cards', 10));
    if (vsCards.length) {
      const ratios = vsCards.map((s) => [s.name, at10(s.name, 'eventgraph').rps / at10(s.name, 'cards').rps] as const);
      const worst = ratios.reduce((a, b) => (b[1] < a[1] ? b : a));
      rows.push(
        `| ${CARDS_TARGET.join(', ')} ≥ 0.75× the cards ceiling (10 connections) | ${worst[1] >= 0.75 ? 'yes' : 'no'} | ${ratios.map(([name, r]) => `${name} ${fixed(r, 2)}×`).join(', ')} |`,
      );
    }
    const p99 = measured.map((s) => [s.name, at10(s.name, 'eventgraph').p99] as const).reduce((a, b) => (b[1] > a[1] ? b : a));
    rows.push(
      `| p99 < 50 ms at 10 connections, every scenario | ${p99[1] < 50 ? 'yes' : 'no'} | highest: ${p99[0]} ${fixed(p99[1], 1)} ms |`,
    );
  }
  const { postgres, pgliteFresh, pgliteExisting } = report.startup;
  const start = (label: string, t: { wall: number; cpu: number }, limit: number) =>
    rows.push(
      `| ${label} < ${limit / 1000} s | ${t.wall < limit ? 'yes' : 'no'} | ${fixed(t.wall)} ms wall clock (${fixed(t.cpu)} ms of CPU) |`,
    );
  start('start-up to first answer on PostgreSQL', postgres, 1500);
  start('start-up on a new PGlite database (migrate + built-in seed)', pgliteFresh, 4000);
  start('start-up on an existing PGlite database', pgliteExisting, 2000);
  return rows.join('\n');
}

/** The report as markdown: set-up, tables, targets, then the hand-kept notes on each change. */
export function renderComparison(report: ComparisonReport, notesFile: string): string {
  const d = report.dataset;
  const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8').trim()}\n` : '';
  const cached = cachedTable(report);
  const executions = executionTable(report);
  return `# eventgraph benchmark

Generated by \`npm run bench\` on ${report.date} in ${fixed(report.minutes, 1)} minutes. Response cache: off (\`RESPONSE_CACHE_MB=0\`) for eventgraph in the targets and in the tables by number of connections; eventgraph with its response cache on is measured apart, at 10 connections, and does not count towards the targets.

- Machine: ${report.machine}; Node ${report.node}; ${report.postgres}. Client (autocannon), the servers and PostgreSQL share the machine, and so did other work: the 1-minute load average was ${fixed(report.load[0], 1)} at the start and ${fixed(report.load[1], 1)} at the end (2 means both cores busy). Requests per second and latencies fall with that load; CPU milliseconds per request (the server process plus its PostgreSQL backends, from /proc) hardly do, and are the steadier comparison.
- Data (\`bench/synthetic/generate.ts\`, seed 42): ${d.communities} communities, ${d.projects} projects (${d.aliases} aliases), ${d.events} events, ${d.talks} talks, ${d.speakers} speakers, ${d.talkSpeakers} talk credits, ${d.talkProjects} talk–project links.
- Method: every answer of every server is checked equal to eventgraph's before timing. Per scenario and number of connections, one warm-up run per server, then ${report.rounds} rounds of ${report.seconds} s per server alternating A B C D A B C D (at 10 connections also eventgraph with \`EXECUTION=graphql-js\` and eventgraph with its response cache); the figures are medians of the rounds. SQL statements per request are counted inside each server process (a preloaded hook on node-postgres's \`Client.prototype.query\`, the same for all), on one request after a warm-up. RSS from \`/proc/<pid>/status\` after each run, median.
- Servers: eventgraph (\`node ${startFlags().join(' ')} dist/src/main.js\` as \`npm start\` runs it, NODE_ENV=production, pool 10, RESPONSE_CACHE_MB=0; the same with RESPONSE_CACHE_MB=32 for the response-cache table); PostGraphile ${'4.14'} (\`bench/servers/postgraphile.ts\`: simple collections, pg-many-to-many, pg-simplify-inflector, SQL functions from \`postgraphile-functions.ts\`, pool 10); raw ceiling (\`bench/servers/raw-ceiling.ts\`: \`node:http\` + \`pg\`, one hand-written statement per scenario building the final JSON over the normalized tables, pool 10); cards ceiling (the same server with \`CEILING=cards\`: one hand-written statement per scenario over the talk cards, tallies and folded keys eventgraph reads, \`bench/servers/cards-ceiling-statements.ts\`; search and node lookups send the raw ceiling's statement, which already reads what eventgraph reads). Search ranks at most ${SEARCH_CANDIDATES_PER_KIND} matches of each kind on every server.

## Targets

${targets(report)}

${report.connections.map((c) => `## ${c} connections\n\n${table(report, c)}`).join('\n\n')}
${cached ? `\n## eventgraph + response cache (10 connections)\n\neventgraph as \`npm start\` runs it, with \`RESPONSE_CACHE_MB=32\`. Its answers were checked equal to the others' on a miss and on the hit after it. The load repeats one request, so every answer after the first comes from memory: this is the ceiling of a dashboard resending the same queries between writes, not a figure for varied traffic. Not counted in the targets.\n\n${cached}\n` : ''}
${executions ? `\n## Execution modes (10 connections)\n\neventgraph as above (\`EXECUTION=jit\`: graphql-jit and direct field resolvers) beside the same build with \`EXECUTION=graphql-js\` (graphql-js's executor, type-graphql's resolver wrapper), in the same rounds. The targets are stated for the default mode.\n\n${executions}\n` : ''}
## Start-up to first answered query (eventgraph)

| Database | wall clock ms | CPU ms of the process |
| --- | ---: | ---: |
| PostgreSQL, migrated | ${fixed(report.startup.postgres.wall)} | ${fixed(report.startup.postgres.cpu)} |
| new PGlite database (migrations + built-in dataset) | ${fixed(report.startup.pgliteFresh.wall)} | ${fixed(report.startup.pgliteFresh.cpu)} |
| existing PGlite database | ${fixed(report.startup.pgliteExisting.wall)} | ${fixed(report.startup.pgliteExisting.cpu)} |

## Scenarios

${report.scenarios.map((s) => `- **${s.name}**: ${s.title}.`).join('\n')}
${notes}`;
}
