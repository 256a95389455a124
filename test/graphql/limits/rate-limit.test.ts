import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../../src/auth/api-keys';
import { Role } from '../../../src/graphql/role.enum';
import { loadConfig } from '../../../src/config';
import { type App, createApp } from '../../../src/http/app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

let database: TestDatabase;
const apps: App[] = [];

/** Starts another instance of the app on the shared database; returns its /graphql URL. */
async function instance(env: Record<string, string>): Promise<string> {
  const app = await createApp({ ...loadConfig({ NODE_ENV: 'test', TRUST_PROXY_HOPS: '1', ...env }), port: 0 }, database.db, () => {});
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  apps.push(app);
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
}

/** A client address no other run of this test uses, so counters left in Redis never interfere. */
const freshAddress = () => `10.${randomBytes(3).join('.')}`;

const ask = (url: string, address: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.stop();
  await database?.drop();
});

describe('rate limits', () => {
  it('counts requests per address, with RateLimit headers, and answers 429 past the limit', async () => {
    const url = await instance({ RATE_LIMIT_PER_ADDRESS: '3' });
    const address = freshAddress();
    for (let left = 2; left >= 0; left--) {
      const response = await ask(url, address);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-policy')).toMatch(/^"address"; q=3; w=60\b/);
      expect(response.headers.get('ratelimit')).toMatch(new RegExp(`^"address"; r=${left}; t=\\d+$`));
    }
    const refused = await ask(url, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: 'Too many requests from this address; wait for the time in the Retry-After header.',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    expect((await ask(url, freshAddress())).status).toBe(200);
  });

  it('believes X-Forwarded-For only through trusted proxy hops: with none, every request counts against the connecting address', async () => {
    const url = await instance({ RATE_LIMIT_PER_ADDRESS: '2', TRUST_PROXY_HOPS: '0' });
    expect((await ask(url, freshAddress())).status).toBe(200);
    expect((await ask(url, freshAddress())).status).toBe(200);
    expect((await ask(url, freshAddress())).status).toBe(429);
  });

  it('counts requests per API key as well, wherever they come from', async () => {
    const url = await instance({ RATE_LIMIT_PER_KEY: '2' });
    const { token } = await createApiKey(database.db.query, 'busy-bot', Role.EDITOR);
    const headers = { authorization: `Bearer ${token}` };
    expect((await ask(url, freshAddress(), headers)).status).toBe(200);
    expect((await ask(url, freshAddress(), headers)).status).toBe(200);
    const refused = await ask(url, freshAddress(), headers);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).errors[0].message).toMatch(/this API key/);
  });

  it("charges a key only once it is verified: a flood of wrong secrets for a real key's lookup is refused 401 and leaves the key its budget", async () => {
    const url = await instance({ RATE_LIMIT_PER_KEY: '2', RATE_LIMIT_PER_ADDRESS: '100' });
    const { token } = await createApiKey(database.db.query, 'victim-bot', Role.EDITOR);
    const forged = { authorization: `Bearer ${token.slice(0, -4)}AAAA` };
    const attacker = freshAddress();
    for (let i = 0; i < 5; i++) {
      const refused = await ask(url, attacker, forged);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as any).errors[0]).toMatchObject({
        message: 'Unknown API key.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      // The attacker's address is still charged for every attempt.
      expect(refused.headers.get('ratelimit')).toMatch(new RegExp(`^"address"; r=${99 - i}; `));
    }
    const headers = { authorization: `Bearer ${token}` };
    const first = await ask(url, freshAddress(), headers);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit')).toMatch(/"key"; r=1; /);
    expect((await ask(url, freshAddress(), headers)).status).toBe(200);
    const refused = await ask(url, freshAddress(), headers);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as any).errors[0]).toMatchObject({
      message: 'Too many requests from this API key; wait for the time in the Retry-After header.',
      extensions: { code: 'RATE_LIMITED' },
    });
  });

  it('shares counters between two instances through Redis', async () => {
    const env = { RATE_LIMIT_PER_ADDRESS: '4', REDIS_URL: 'redis://127.0.0.1:6379' };
    const [one, two] = [await instance(env), await instance(env)];
    const address = freshAddress();
    const statuses = [];
    for (const url of [one, two, one, two, one, two]) statuses.push((await ask(url, address)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
