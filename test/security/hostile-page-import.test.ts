import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../src/graphql/role.enum';
import { keyHeaders } from '../helpers/api-keys';
import { hostileLinksPage, mojibakeGaps, oversizedFrontMatter, patternTraps, yamlAliasBomb } from '../helpers/hostile-pages';
import { attack } from '../helpers/responsive';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let editor: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  editor = await keyHeaders(server, Role.EDITOR, 'attacker');
});
afterAll(() => server?.close());

const IMPORT = `mutation($input: EventPageImportInput!) {
  eventPageImport(input: $input) {
    status warnings uncertainCharacters { line }
    event { slug talks { nodes { title slidesUrl } } }
    userErrors { field message code }
  }
}`;

/** Sends a page through `eventPageImport` with an editor's key, asking `/healthz` meanwhile. */
async function importHostile(markdown: string, sourceUrl: string) {
  const body = { query: IMPORT, variables: { input: { markdown, sourceUrl } } };
  // The whole request must fit the body limit, as an attacker's would.
  expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(100_000);
  const answer = await attack(server.url, body, 20, editor);
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  return { payload: answer.body.data.eventPageImport, healthzMs: answer.healthzMs };
}

const storedSource = async (uri: string) => (await server.db.query(`SELECT 1 FROM source WHERE uri = $1`, [uri])).length > 0;

describe('a hostile page through eventPageImport', () => {
  it('refuses a YAML alias bomb as the page at fault, stores nothing, and stays responsive', async () => {
    const source = 'https://example.org/hostile/bomb/';
    const { payload, healthzMs } = await importHostile(yamlAliasBomb(), source);
    expect(payload).toMatchObject({ status: null, event: null });
    expect(payload.userErrors).toEqual([
      {
        field: ['input', 'markdown'],
        code: 'INVALID',
        message: 'line 2: YAML front matter cannot be read: Excessive alias count indicates a resource exhaustion attack',
      },
    ]);
    expect(healthzMs).toBeLessThan(1000);
    expect(await storedSource(source)).toBe(false);
  });

  it('refuses front matter over 64 KiB before parsing it', async () => {
    const source = 'https://example.org/hostile/big/';
    const { payload, healthzMs } = await importHostile(oversizedFrontMatter(90_000), source);
    expect(payload.userErrors).toEqual([
      {
        field: ['input', 'markdown'],
        code: 'INVALID',
        message: expect.stringMatching(/^line 2: front matter is \d+ bytes, over the 65536-byte limit$/),
      },
    ]);
    expect(healthzMs).toBeLessThan(1000);
    expect(await storedSource(source)).toBe(false);
  });

  it('repairs a page of ñ/ó gaps (each once 64³ fillings) within the editor budget, listing every guess', async () => {
    // 40 kB: a quarter of the 500 ms budget on a quiet machine, so that a busy one still passes.
    const { payload, healthzMs } = await importHostile(mojibakeGaps(40_000), 'https://example.org/hostile/gaps/');
    expect(payload.userErrors).toEqual([]);
    expect(payload.status).toBe('IMPORTED');
    expect(payload.uncertainCharacters.length).toBeGreaterThan(2000);
    expect(healthzMs).toBeLessThan(1000);
  });

  it('reads lines shaped against the old polynomial patterns in linear time', async () => {
    const { payload, healthzMs } = await importHostile(patternTraps(), 'https://example.org/hostile/patterns/');
    expect(payload).toMatchObject({ status: 'IMPORTED', userErrors: [], event: { slug: 'patterns', talks: { nodes: [] } } });
    expect(healthzMs).toBeLessThan(1000);
  });

  it('keeps only the http(s) slides links and names each link left out in the warnings', async () => {
    const { payload, healthzMs } = await importHostile(hostileLinksPage(), 'https://example.org/activities/sofa-meetup-96/');
    expect(payload.status).toBe('IMPORTED');
    const slides = Object.fromEntries(
      payload.event.talks.nodes.map((t: { title: string; slidesUrl: string | null }) => [t.title, t.slidesUrl]),
    );
    // The page reader (markdown-it) does not take `javascript:`, `data:` or `JAVASCRIPT:` targets for
    // links at all, so those lines name no slides; the writer leaves out what is a link but not http(s).
    expect(slides).toEqual({ 'SOFABoot 相对': null, 'Koupleless 正常': 'https://example.org/files/koupleless.pdf' });
    const leftOut = payload.warnings.filter((w: string) => w.includes('only http(s) links are kept'));
    expect(leftOut).toEqual(['"SOFABoot 相对": link "//evil.example/slides.pdf" left out, only http(s) links are kept.']);
    expect(JSON.stringify(payload)).not.toMatch(/javascript:|data:text/i);
    expect(healthzMs).toBeLessThan(1000);
  });
});
