import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const { maxQueryTokens, maxFieldRepeats, maxQueryAliases } = loadConfig({});

describe('the same field selected over and over', () => {
  it('refuses 7,000 `a: __typename` by the token limit, before validation compares them pairwise', async () => {
    const query = `{ ${'a: __typename '.repeat(7000)}}`;
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: `The document has more than the limit of ${maxQueryTokens} tokens (names, values and punctuation): send a smaller one.`,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(healthzMs).toBeLessThan(1000);
  });

  it('refuses a field repeated past the limit within the token limit, naming it', async () => {
    const query = `{ ${'talks { nodes { title } } '.repeat(200)}}`;
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        message: `The field "talks" is selected 200 times in one selection set (a fragment's fields count each time it is spread), more than the limit of ${maxFieldRepeats}: select it once.`,
        locations: [{ line: 1, column: 1 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('counts repeats gathered from inline fragments and spread fragments into one selection set', async () => {
    const inline = await attack(server.url, { query: `{ talks { nodes { ${'... on Talk { title } '.repeat(maxFieldRepeats + 1)}} } }` });
    expect(inline.body.errors?.[0].message).toMatch(
      new RegExp(`^The field "title" is selected ${maxFieldRepeats + 1} times in one selection set`),
    );
    const names = Array.from({ length: maxFieldRepeats + 1 }, (_, i) => `T${i}`);
    const spread = await attack(server.url, {
      query: `{ talks { nodes { ${names.map((n) => `...${n}`).join(' ')} } } } ${names.map((n) => `fragment ${n} on Talk { title }`).join(' ')}`,
    });
    expect(spread.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^The field "title" is selected 11 times/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(spread.healthzMs).toBeLessThan(1000);
  });

  it('answers a field repeated up to the limit, merged into one', async () => {
    expect(await server.data(`{ ${'__typename '.repeat(maxFieldRepeats)}}`)).toEqual({ __typename: 'Query' });
  });
});

describe('many aliases', () => {
  it("refuses more aliases than the limit, counting a fragment's each time it is spread", async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: title`).join(' ');
    const query = `{ talks { nodes { ...T } } x: talks { nodes { ...T } } y: talks { nodes { ...T } } } fragment T on Talk { ${aliases} }`;
    const { status, body, healthzMs } = await attack(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: `The operation has more than the limit of ${maxQueryAliases} aliased fields (a fragment's count each time it is spread): ask for fewer.`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(healthzMs).toBeLessThan(1000);
  });

  it('answers aliases up to the limit', async () => {
    const aliases = Array.from({ length: maxQueryAliases }, (_, i) => `a${i}: __typename`).join(' ');
    expect(Object.keys(await server.data(`{ ${aliases} }`))).toHaveLength(maxQueryAliases);
  });
});
