import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { type App, createApp } from '../../src/http/app';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let database: TestDatabase;
const apps: App[] = [];

/** Starts the app as `npm start` does: configured from an environment that names no NODE_ENV. */
async function start(env: Record<string, string>): Promise<string> {
  const app = await createApp({ ...loadConfig({ RESPONSE_CACHE_MB: '0', ...env }), port: 0 }, database.db, () => {});
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  apps.push(app);
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}

const ask = async (url: string, query: string) =>
  (await (
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
  ).json()) as any;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.stop();
  await database?.drop();
});

describe('a server started without NODE_ENV', () => {
  it('runs as production: errors carry no stack trace and answers no statement count', async () => {
    const url = await start({});
    const failed = await ask(url, '{ talks { nodes { speakerId } } }');
    expect(failed.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const answered = await ask(url, '{ communities { slug } }');
    expect(answered.data).toEqual({ communities: [] });
    expect(answered.extensions).toBeUndefined();
  });

  it('runs as development when told so (npm run dev): stack traces and statement counts', async () => {
    const url = await start({ NODE_ENV: 'development' });
    const failed = await ask(url, '{ talks { nodes { speakerId } } }');
    expect(failed.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(failed.errors[0].extensions.stacktrace).toEqual(
      expect.arrayContaining([expect.stringMatching(/^GraphQLError: Cannot query field "speakerId"/)]),
    );
    const answered = await ask(url, '{ communities { slug } }');
    expect(answered.extensions).toEqual({ sqlStatements: 1 });
  });
});
