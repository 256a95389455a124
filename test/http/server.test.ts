import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('GET /', () => {
  it('serves the playground from the package itself, with no address outside this server', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('/playground/graphiql.js');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/'), source).toBe(true);
      const asset = await fetch(`${server.url}${source}`);
      expect(asset.status, source).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, source).toBeGreaterThan(1000);
    }
  });

  it('opens with the central questions as example operations', async () => {
    const script = await (await fetch(`${server.url}/playground/playground.js`)).text();
    expect(script).toContain('query TalksAboutProject');
    expect(script).toContain('query WhoSpokeAbout');
  });

  it('has no inline script: it starts from a script file of this server', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes]) => /src="([^"]+)"/.exec(attributes)?.[1])).toEqual([
      '/playground/react.js',
      '/playground/react-dom.js',
      '/playground/graphiql.js',
      '/playground/playground.js',
    ]);
    expect(scripts.map(([, , body]) => body.trim())).toEqual(['', '', '', '']);
    const start = await fetch(`${server.url}/playground/playground.js`);
    expect(start.headers.get('content-type')).toMatch(/^text\/javascript/);
  });
});

describe('health', () => {
  it('/healthz says the process is up and /readyz that the database answers', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('POST /graphql', () => {
  it('answers a malformed document with GRAPHQL_PARSE_FAILED and a 400', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ talks { ' }),
    });
    expect(response.status).toBe(400);
    const body: any = await response.json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', async () => {
    const body = await server.gql('{ talks { nodes { speakerId } } }');
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0].message).toMatch(/Cannot query field "speakerId" on type "Talk"/);
  });

  it('refuses a GET mutation-free query without a preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ communities { slug } }')}`);
    expect(response.status).toBe(400);
    const allowed = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ communities { slug } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await allowed.json()).toMatchObject({ data: { communities: [{ slug: 'sofastack' }] } });
  });
});
