import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { createSchema } from '../../src/api/schema';
import { keyHeaders } from '../helpers/api-keys';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { random, randomOperation } from './random-operation';

const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

let server: TestServer;
let editor: Record<string, string>;
let ids: string[];

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production', RATE_LIMIT_PER_ADDRESS: '1000000' } });
  editor = await keyHeaders(server, Role.EDITOR);
  const data = await server.data(
    `{ communities { id } events(first: 3) { nodes { id talks(first: 3) { nodes { id credits { speaker { id } } projects { id } } } } } }`,
  );
  ids = [
    ...data.communities.map((c: { id: string }) => c.id),
    ...data.events.nodes.flatMap((e: any) => [
      e.id,
      ...e.talks.nodes.flatMap((t: any) => [t.id, ...t.credits.map((c: any) => c.speaker.id), ...t.projects.map((p: any) => p.id)]),
    ]),
  ];
});
afterAll(() => server?.close());

describe('random operations generated from the schema', () => {
  it(`never get a 500 nor leak internals nor hold the server (${OPERATIONS} operations, seed ${SEED})`, async () => {
    const schema = await createSchema();
    const rnd = random(SEED);
    const statuses: Record<number, number> = {};
    const codes: Record<string, number> = {};
    for (let i = 0; i < OPERATIONS; i++) {
      const { query, variables } = randomOperation(schema, rnd, ids);
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(rnd.chance(0.8) ? editor : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const elapsedMs = performance.now() - started;
      const context = `seed ${SEED}, operation ${i} (${Math.round(elapsedMs)} ms):\n${query.slice(0, 2000)}\n${JSON.stringify(variables).slice(0, 500)}\n→ ${response.status} ${text.slice(0, 800)}`;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      expect(response.status, context).toBeLessThan(500);
      expect(text, context).not.toMatch(
        /INTERNAL_SERVER_ERROR|stacktrace|node_modules|\.ts:\d|\bSELECT\b.*\bFROM\b|relation ".*" does not exist/,
      );
      const body = JSON.parse(text);
      // Fragment chains, cycles and repeated fields included: data or a coded error, and never a wait.
      expect(body.data !== undefined || body.errors?.length, context).toBeTruthy();
      for (const error of body.errors ?? []) expect(error.extensions?.code, context).toMatch(/^[A-Z_]+$/);
      expect(elapsedMs, context).toBeLessThan(1000);
      for (const error of body.errors ?? []) codes[error.extensions?.code] = (codes[error.extensions?.code] ?? 0) + 1;
      if (!body.errors) codes.ok = (codes.ok ?? 0) + 1;
    }
    console.log(JSON.stringify({ seed: SEED, statuses, codes }));
    expect(codes.ok).toBeGreaterThan(OPERATIONS / 20);
  }, 240_000);
});
