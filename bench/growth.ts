import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keysetRootPageSql } from '../src/lists/keyset-page';
import { projectKey } from '../src/database/name-key';
import { projectByKeyRoot } from '../src/projects/project.loaders';
import { SqlParams } from '../src/database/sql-params';
import { talkList } from '../src/talks/talk.list';
import { NEWEST_TALKS } from '../src/talks/talk.order';
import { listPath } from '../src/lists/list-definition';
import type { BenchDatabase } from './bench-database';
import { checkAnswers, type Contender, median, timedRun } from './measure';
import { scenarios } from './scenarios';
import { launch } from './servers/launch';
import { serverSpecs } from './servers/server-specs';
import { DEFAULT_SYNTHETIC } from './synthetic/generate';

/** The statement eventgraph sends for `project(slug:) { talks(first: 50) { … } }` (the project and its page), to EXPLAIN it. */
function talksByProjectSql(slug: string): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const { from, id, sort, condition } = listPath(talkList, NEWEST_TALKS.field, 'project');
  const roots = projectByKeyRoot.sql(params.add([projectKey(slug)]));
  const text = keysetRootPageSql(
    roots,
    condition!,
    { from, columns: talkList.columns(), id, where: [], sort, descending: true, params },
    { limit: 50, backward: false },
  );
  return { text, values: params.values };
}

/**
 * `npm run bench -- --growth`: the scenarios at 1×, 10× and 50× the data (20,000 to 1,000,000
 * talks; `--scales` picks others) on all three servers at 10 connections, with the plan of eventgraph's talks page at
 * each size. Writes bench/results/GROWTH.md.
 */
export async function runGrowth(
  db: BenchDatabase,
  options: {
    rounds: number;
    seconds: number;
    scales: number[];
    only?: string[];
    port: number;
    log: (message: string) => void;
    results: string;
  },
): Promise<void> {
  const active = scenarios.filter((s) => !options.only || options.only.includes(s.name));
  const loadAtStart = os.loadavg()[0];
  const rows: string[] = [];
  const plans: string[] = [];
  for (const scale of options.scales) {
    const dataset = await db.fill({
      ...DEFAULT_SYNTHETIC,
      events: DEFAULT_SYNTHETIC.events * scale,
      speakers: DEFAULT_SYNTHETIC.speakers * scale,
    });
    options.log(`${scale}×: ${dataset.talks} talks`);
    const subjects = await db.subjects();
    const contenders: Contender[] = [];
    try {
      for (const [i, spec] of serverSpecs.entries()) {
        contenders.push({
          spec,
          process: await launch(spec.name, spec.script, options.port + 10 + i, spec.env(db.url), spec.probe, spec.nodeArgs),
        });
      }
      for (const scenario of active) {
        let statements: Record<string, number>;
        try {
          statements = await checkAnswers(contenders, scenario, subjects);
        } catch (error) {
          // A server that errs at this size (e.g. a statement past its timeout) is a result too.
          rows.push(
            `| ${scenario.name} | ${scale}× (${dataset.talks} talks) | (not timed) | ${error instanceof Error ? error.message.replace(/\|/g, '/').slice(0, 200) : error} | | | |`,
          );
          options.log(`${scale}× ${scenario.name}: not timed: ${error instanceof Error ? error.message.slice(0, 200) : error}`);
          continue;
        }
        const runs = contenders.map(() => [] as { rps: number; p50: number; p99: number }[]);
        // At the larger sizes a server may fail requests (autocannon gives up after 10 s); that
        // server's row says so and the others are still measured.
        const failed = contenders.map(() => '');
        const attempt = async (i: number, seconds: number, record: boolean) => {
          if (failed[i]) return;
          try {
            const { result } = await timedRun(contenders[i], scenario, subjects, 10, seconds, db);
            if (result.errors) throw new Error(`${result.errors} failed requests`);
            if (record) runs[i].push({ rps: result.requestsPerSecond, p50: result.p50, p99: result.p99 });
          } catch (error) {
            failed[i] = error instanceof Error ? error.message : String(error);
          }
        };
        for (const i of contenders.keys()) await attempt(i, 1, false);
        for (let round = 0; round < options.rounds; round++) {
          for (const i of contenders.keys()) await attempt(i, options.seconds, true);
        }
        contenders.forEach((c, i) => {
          const m = (key: 'rps' | 'p50' | 'p99') => median(runs[i].map((r) => r[key]));
          const figures = failed[i]
            ? `${failed[i]} | | `
            : m('rps') === 0
              ? `none finished within ${options.seconds} s | – | –`
              : `${m('rps').toFixed(0)} | ${m('p50').toFixed(1)} | ${m('p99').toFixed(1)}`;
          rows.push(
            `| ${scenario.name} | ${scale}× (${dataset.talks} talks) | ${c.spec.label} | ${figures} | ${statements[c.spec.name]} |`,
          );
        });
        options.log(`${scale}× ${scenario.name} done`);
      }
    } finally {
      for (const contender of contenders) await contender.process.stop();
    }
    const { text, values } = talksByProjectSql(subjects.project);
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${text}`, values);
    plans.push(`### ${scale}× (${dataset.talks} talks)\n\n\`\`\`\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
  }
  const markdown = `# eventgraph benchmark: growth

Generated by \`npm run bench -- --growth\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Sizes ${options.scales.map((x) => `${x}×`).join(', ')} the dataset of \`npm run bench\` (events, talks and speakers scaled; same seed, same shapes). 10 connections, ${options.rounds} round(s) of ${options.seconds} s per server, medians. The 1-minute load average was ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end (2 means both cores busy; the client, the servers and PostgreSQL share the machine). Paginated scenarios (talks-by-project, project-page, search) read one page whatever the size, so their latency should stay nearly flat; counts (\`totalCount\`) and the event page's whole agenda are not paginated.

| Scenario | Data | Server | req/s | p50 ms | p99 ms | statements |
| --- | --- | --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

## Plan of eventgraph's talks page (\`project { talks(first: 50) }\`) at each size

${plans.join('\n\n')}
`;
  writeFileSync(path.join(options.results, 'GROWTH.md'), markdown);
  options.log('report written to bench/results/GROWTH.md');
}
