import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiKey } from '../src/auth/api-keys';
import { Role } from '../src/graphql/role.enum';
import { toGlobalId } from '../src/graphql/global-id';
import { createBenchDatabase } from './bench-database';
import { scenarios } from './scenarios';
import { launch } from './servers/launch';
import { eventgraphServer } from './servers/server-specs';
import { DEFAULT_SYNTHETIC } from './synthetic/generate';

// `node dist/bench/cache-under-writes.js`: eventgraph with its response cache on, 10 connections
// reading the six bench scenarios in turn while one talk is edited every second, once with every
// change forgetting every answer (RESPONSE_CACHE_INVALIDATION=all), once forgetting only the
// answers that read a changed table (`tables`) and once only those that read a changed key of the
// talk tables (`keys`, the default). Reports hit rate and latency of each.

const { values } = parseArgs({
  options: {
    'server-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    database: { type: 'string', default: 'eventgraph_bench_cache' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '4710' },
    out: { type: 'string', default: path.join(__dirname, '..', '..', 'bench', 'results', 'cache-under-writes.md') },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(values.database!))
  throw new Error(`--database must be a plain lower-case PostgreSQL name, not "${values.database}"`);
if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) throw new Error('--seconds must be a whole number from 1 to 600');
if (!Number.isInteger(connections) || connections < 1 || connections > 100)
  throw new Error('--connections must be a whole number from 1 to 100');

interface ModeResult {
  mode: string;
  reads: number;
  hits: number;
  errors: number;
  writes: number;
  p50: number;
  p99: number;
  byScenario: Map<string, { reads: number; hits: number }>;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function main(): Promise<void> {
  const db = await createBenchDatabase(values['server-url']!, values.database!);
  try {
    const dataset = await db.fill(DEFAULT_SYNTHETIC);
    const subjects = await db.subjects();
    const { token } = await createApiKey((text, params) => db.query(text, params as unknown[]), 'bench writer', Role.EDITOR);
    // The talks edited: spread over the whole graph, as an editor's corrections are.
    const talks = await db.query<{ id: number; title: string }>(`SELECT id, title FROM talk ORDER BY md5(id::text) LIMIT 200`);
    const bodies = scenarios.map((scenario) => ({ name: scenario.name, body: JSON.stringify(scenario.ours(subjects)) }));
    const results: ModeResult[] = [];
    for (const mode of ['all', 'tables', 'keys']) {
      const server = await launch(
        `eventgraph (${mode})`,
        eventgraphServer.script,
        Number(values.port),
        { ...eventgraphServer.env(db.url), RESPONSE_CACHE_MB: '64', RESPONSE_CACHE_INVALIDATION: mode },
        eventgraphServer.probe,
        eventgraphServer.nodeArgs,
      );
      try {
        const url = `${server.base}/graphql`;
        const post = (body: string, headers: Record<string, string> = {}) =>
          fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        // Warm: every scenario once, so both modes start from a full cache.
        for (const { body } of bodies) await (await post(body)).text();
        const result: ModeResult = {
          mode,
          reads: 0,
          hits: 0,
          errors: 0,
          writes: 0,
          p50: 0,
          p99: 0,
          byScenario: new Map(bodies.map((b) => [b.name, { reads: 0, hits: 0 }])),
        };
        const latencies: number[] = [];
        const stopAt = Date.now() + seconds * 1000;
        const reader = async (offset: number) => {
          for (let i = offset; Date.now() < stopAt; i++) {
            const { name, body } = bodies[i % bodies.length];
            const started = performance.now();
            const response = await post(body);
            await response.text();
            latencies.push(performance.now() - started);
            const counts = result.byScenario.get(name)!;
            counts.reads++;
            result.reads++;
            if (!response.ok) result.errors++;
            if (response.headers.get('x-response-cache') === 'HIT') {
              counts.hits++;
              result.hits++;
            }
          }
        };
        const writer = async () => {
          for (let n = 0; Date.now() < stopAt; n++) {
            const talk = talks[n % talks.length];
            const response = await post(
              JSON.stringify({
                query: 'mutation($id: ID!, $input: TalkUpdateInput!) { talkUpdate(id: $id, input: $input) { userErrors { message } } }',
                variables: { id: toGlobalId('Talk', talk.id), input: { title: `${talk.title} (${mode} ${n})` } },
              }),
              { authorization: `Bearer ${token}` },
            );
            const answer = (await response.json()) as { data?: { talkUpdate?: { userErrors: unknown[] } } };
            if (!answer.data?.talkUpdate || answer.data.talkUpdate.userErrors.length)
              throw new Error(`the write failed: ${JSON.stringify(answer)}`);
            result.writes++;
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        };
        await Promise.all([writer(), ...Array.from({ length: connections }, (_, i) => reader(i))]);
        latencies.sort((a, b) => a - b);
        result.p50 = percentile(latencies, 50);
        result.p99 = percentile(latencies, 99);
        results.push(result);
      } finally {
        await server.stop();
      }
    }
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    const rate = (hits: number, reads: number) => (reads ? `${((100 * hits) / reads).toFixed(1)} %` : '–');
    const lines = [
      '# The response cache under writes',
      '',
      `Generated by \`node dist/bench/cache-under-writes.js\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. eventgraph (\`npm start\`'s flags, production mode, response cache 64 MB) on PostgreSQL, the bench's synthetic data (${dataset.talks} talks); ${connections} connections each asking the six bench scenarios in turn for ${seconds} s, while one talk title (a different talk each time, spread over the graph) is edited every second through \`talkUpdate\`. A read is a hit when the answer carries \`x-response-cache: HIT\`. Load average at the end (1 / 5 / 15 min, 2 cores): ${load}; client, server and PostgreSQL share the machine.`,
      '',
      '| Invalidation | reads | writes | hit rate | p50 ms | p99 ms | errors |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(
        (r) =>
          `| \`${r.mode}\` | ${r.reads} | ${r.writes} | ${rate(r.hits, r.reads)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
      ),
      '',
      'Hit rate by scenario:',
      '',
      `| Scenario | ${results.map((r) => `\`${r.mode}\``).join(' | ')} |`,
      `| --- | ${results.map(() => '---:').join(' | ')} |`,
      ...bodies.map(
        ({ name }) => `| ${name} | ${results.map((r) => rate(r.byScenario.get(name)!.hits, r.byScenario.get(name)!.reads)).join(' | ')} |`,
      ),
      '',
      'With `tables`, a talk edit forgets the answers that read `talk` (talks of a project, the project and event pages, node lookups, search) and keeps those that read only tallies (the coverage series): an edit of one talk forgets the talk pages of every project. With `keys`, it forgets only the answers that read that talk or a project, event or speaker linked to it, and those that read the talk tables other than by key (search, lists without a parent); the talk pages of other projects stay. The tests (`test/graphql/response-cache/cache-under-writes.test.ts`) show that no answer is stale after any kind of write, on one instance and on two, in either mode.',
      '',
    ];
    writeFileSync(values.out!, lines.join('\n'));
    process.stdout.write(lines.join('\n'));
  } finally {
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
