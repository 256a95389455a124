import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('spreads of fragments the document does not define', () => {
  it('refuses a spread of an unknown fragment, naming it', async () => {
    const { status, body, healthzMs } = await attack(server.url, { query: `{ talks(first: 1) { nodes { ...Missing } } }` });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: 'Unknown fragment "Missing": the document defines no fragment of that name.',
        locations: [{ line: 1, column: 29 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses an unknown fragment at the end of a long chain of known ones', async () => {
    let query = '{ ...F0 }';
    for (let i = 0; i < 30; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    const { body, healthzMs } = await attack(server.url, { query });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Unknown fragment "F30": the document defines no fragment of that name.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(healthzMs).toBeLessThan(1000);
  });
});
