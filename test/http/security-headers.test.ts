import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

/** What every response of the server carries, whichever route answers it. */
const EXPECTED = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const securityHeaders = (response: Response) => Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, response.headers.get(name)]));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { MAX_BODY_BYTES: '1000', RATE_LIMIT_PER_ADDRESS: '1000' } });
});
afterAll(() => server?.close());

const post = (body: string) => fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('security headers', () => {
  const routes: [string, () => Promise<Response>, number][] = [
    ['the playground page', () => fetch(`${server.url}/`), 200],
    ["the playground's start-up script", () => fetch(`${server.url}/playground/playground.js`), 200],
    ["the playground's GraphiQL bundle", () => fetch(`${server.url}/playground/graphiql.js`), 200],
    ['/graphql answering a query', () => post(JSON.stringify({ query: '{ communities { slug } }' })), 200],
    ['/graphql refusing a malformed document', () => post(JSON.stringify({ query: '{ talks { ' })), 400],
    ['/graphql refusing a body over the limit', () => post(JSON.stringify({ query: `{ communities { slug } } ${'#'.repeat(2000)}` })), 413],
    ['/graphql refusing a body that is not JSON', () => post('{"query":'), 400],
    ['/events.ics', () => fetch(`${server.url}/events.ics`), 200],
    ["a project's feed", () => fetch(`${server.url}/projects/fescar/events.ics`), 200],
    ['a feed of an unknown project', () => fetch(`${server.url}/projects/nothing-like-it/events.ics`), 404],
    ['/healthz', () => fetch(`${server.url}/healthz`), 200],
    ['/readyz', () => fetch(`${server.url}/readyz`), 200],
  ];
  for (const [name, request, status] of routes) {
    it(`are on ${name}`, async () => {
      const response = await request();
      expect(response.status).toBe(status);
      expect(securityHeaders(response)).toEqual(EXPECTED);
    });
  }

  it("are on the dashboard's page, built or not", async () => {
    const response = await fetch(`${server.url}/dashboard/`);
    expect([200, 503]).toContain(response.status);
    expect(securityHeaders(response)).toEqual(EXPECTED);
  });

  // Express's own answers without a page (a 404, serve-static's redirect) replace the policy
  // with a stricter one under which nothing at all may load; the other headers stay.
  it('are on an unknown address, with a policy that lets nothing load', async () => {
    const response = await fetch(`${server.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(securityHeaders(response)).toEqual({ ...EXPECTED, 'content-security-policy': "default-src 'none'" });
  });

  it('are on /dashboard redirected to /dashboard/, with a policy that lets nothing load', async () => {
    const response = await fetch(`${server.url}/dashboard`, { redirect: 'manual' });
    expect([301, 503]).toContain(response.status);
    if (response.status === 301)
      expect(securityHeaders(response)).toEqual({ ...EXPECTED, 'content-security-policy': "default-src 'none'" });
    else expect(securityHeaders(response)).toEqual(EXPECTED);
  });
});
