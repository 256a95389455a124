import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonical } from '../canonical';
import type { BenchSubjects, Scenario } from '../scenarios';

/** How to start one of the compared servers, ask it a scenario and read its answer. */
export interface ServerSpec {
  name: 'eventgraph' | 'eventgraph-cached' | 'eventgraph-graphql-js' | 'postgraphile' | 'raw' | 'cards';
  label: string;
  /** The numbers of connections it is measured at; every one asked for when unset. */
  connections?: number[];
  /** Whether it answers repeated queries from its response cache (its answers check expects a MISS, then a HIT). */
  responseCache?: boolean;
  script: string;
  /** Node flags the server runs with. */
  nodeArgs: string[];
  env: (databaseUrl: string) => Record<string, string>;
  probe: { path: string; body: string };
  request: (scenario: Scenario, subjects: BenchSubjects) => { path: string; body: string };
  /** The canonical answer in a response body; throws on errors. */
  answer: (scenario: Scenario, body: any) => unknown;
}

const DIST = path.join(__dirname, '..', '..');

function graphqlData(name: string, body: any): any {
  if (body.errors?.length || !body.data)
    throw new Error(`${name} answered with errors: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  return body.data;
}

/** The Node flags `npm start` runs eventgraph with, read from package.json so the bench runs it as it ships. */
export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(path.join(DIST, '..', 'package.json'), 'utf8')).scripts.start;
  return (
    start
      .match(/node ((?:--[\w-]+(?:=\S+)? )*)dist\/src\/main\.js/)?.[1]
      .trim()
      .split(/\s+/)
      .filter(Boolean) ?? []
  );
}

/**
 * eventgraph as it ships (`npm start`: `node <flags> dist/src/main.js`), in production mode, with
 * its response cache off: the targets are stated with any response cache off.
 */
export const eventgraphServer: ServerSpec = {
  name: 'eventgraph',
  label: 'eventgraph',
  script: path.join(DIST, 'src', 'main.js'),
  nodeArgs: startFlags(),
  // One client address sends every request; its rate limit is raised (not switched off) so the limiter still runs.
  env: (url) => ({
    DATABASE_URL: url,
    NODE_ENV: 'production',
    SEED_ON_START: 'false',
    DATABASE_POOL_SIZE: '10',
    RATE_LIMIT_PER_ADDRESS: '10000000',
    RESPONSE_CACHE_MB: '0',
  }),
  probe: { path: '/graphql', body: JSON.stringify({ query: '{ __typename }' }) },
  request: (scenario, subjects) => ({ path: '/graphql', body: JSON.stringify(scenario.ours(subjects)) }),
  answer: (scenario, body) => canonical(scenario.oursAnswer(graphqlData('eventgraph', body))),
};

/**
 * eventgraph with its response cache on (as `npm start` has it), reported apart and at 10
 * connections only: the load repeats one request, so every answer after the first is a hit.
 */
export const cachedEventgraphServer: ServerSpec = {
  ...eventgraphServer,
  name: 'eventgraph-cached',
  label: 'eventgraph + response cache',
  connections: [10],
  responseCache: true,
  env: (url) => ({ ...eventgraphServer.env(url), RESPONSE_CACHE_MB: '32' }),
};

/**
 * eventgraph with `EXECUTION=graphql-js` (no graphql-jit, type-graphql's own resolver wrapper): the
 * mode CI also runs, measured at 10 connections so that the gain of the bypasses is a figure.
 */
export const graphqlJsEventgraphServer: ServerSpec = {
  ...eventgraphServer,
  name: 'eventgraph-graphql-js',
  label: 'eventgraph, EXECUTION=graphql-js',
  connections: [10],
  env: (url) => ({ ...eventgraphServer.env(url), EXECUTION: 'graphql-js' }),
};

/** PostGraphile 4, see `postgraphile.ts`. */
export const postgraphileServer: ServerSpec = {
  name: 'postgraphile',
  label: 'PostGraphile 4',
  script: path.join(DIST, 'bench', 'servers', 'postgraphile.js'),
  nodeArgs: [],
  env: (url) => ({ DATABASE_URL: url, NODE_ENV: 'production' }),
  probe: { path: '/graphql', body: JSON.stringify({ query: '{ __typename }' }) },
  request: (scenario, subjects) => ({ path: '/graphql', body: JSON.stringify(scenario.postgraphile(subjects)) }),
  answer: (scenario, body) => canonical(scenario.postgraphileAnswer(graphqlData('PostGraphile', body))),
};

/** The hand-written ceiling over the normalized tables, see `raw-ceiling.ts`. */
export const rawServer: ServerSpec = {
  name: 'raw',
  label: 'raw SQL ceiling',
  script: path.join(DIST, 'bench', 'servers', 'raw-ceiling.js'),
  nodeArgs: [],
  env: (url) => ({ DATABASE_URL: url, NODE_ENV: 'production', DATABASE_POOL_SIZE: '10', CEILING: 'normalized' }),
  probe: { path: '/talks-by-project', body: JSON.stringify({ project: '', event: '', search: 'x', nodes: [] }) },
  request: (scenario, subjects) => ({ path: `/${scenario.name}`, body: JSON.stringify(subjects) }),
  answer: (scenario, body) => canonical(scenario.oursAnswer(graphqlData('raw ceiling', body))),
};

/** The same server over the talk cards, tallies and keys eventgraph reads, see `cards-ceiling-statements.ts`. */
export const cardsServer: ServerSpec = {
  ...rawServer,
  name: 'cards',
  label: 'cards SQL ceiling',
  env: (url) => ({ ...rawServer.env(url), CEILING: 'cards' }),
  answer: (scenario, body) => canonical(scenario.oursAnswer(graphqlData('cards ceiling', body))),
};

/** The servers compared with the response cache off, in the order each round runs them. */
export const serverSpecs = [eventgraphServer, postgraphileServer, rawServer, cardsServer];
