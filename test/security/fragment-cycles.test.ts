import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('fragments that spread themselves', () => {
  it('refuses a fragment that spreads itself, saying so', async () => {
    const { status, body, healthzMs } = await attack(server.url, { query: `{ ...A } fragment A on Query { __typename ...A }` });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: 'Fragment "A" spreads itself (A → A), so it would never end.',
        locations: [{ line: 1, column: 43 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses a cycle through other fragments, naming every fragment on it', async () => {
    const query = `{ ...A } fragment A on Query { ...B } fragment B on Query { ...C ...C } fragment C on Query { talks(first: 1) { nodes { event { ...D } } } } fragment D on Event { title ...E } fragment E on Event { talks { nodes { event { ...D } } } }`;
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0].message).toBe('Fragment "D" spreads itself (D → E → D), so it would never end.');
    expect(body.extensions?.sqlStatements ?? 0).toBe(0);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses a cycle in a fragment that many others spread, once, and quickly', async () => {
    let query = '{ ...F0 }';
    for (let i = 0; i < 30; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    query += ' fragment F30 on Query { ...F0 }';
    const { body, healthzMs } = await attack(server.url, { query });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0].message).toMatch(/^Fragment "F0" spreads itself \(F0 → F1 → .* → F30 → F0\), so it would never end\.$/);
    expect(healthzMs).toBeLessThan(1000);
  });
});
