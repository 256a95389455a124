import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, browserMissing, offlineContext, useServerAndBrowser } from '../helpers/browser';

if (browserMissing) console.warn(browserMissing);

describe.skipIf(browserMissing)('the playground in a real browser', () => {
  const env = useServerAndBrowser();

  it('loads with nothing from beyond localhost, runs "which talks covered Seata" and shows the answer', async () => {
    const { context, outside } = await offlineContext(env.browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/`);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('Apache Seata(incubating) 新征程');
    expect(await result.innerText()).toContain('"name": "Seata"');
    expect(await page.locator('.graphiql-query-editor').innerText()).toContain('query TalksAboutProject');
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
    expect(outside).toEqual([]);
    await context.close();
  });

  it('opens the operation given in its address, with its variables', async () => {
    const { context, outside } = await offlineContext(env.browser);
    const page = await context.newPage();
    const query = 'query Speakers($project: String!) { project(slug: $project) { speakers { nodes { name alias } } } }';
    await page.goto(`${env.server.url}/?${new URLSearchParams({ query, variables: JSON.stringify({ project: 'fescar' }) })}`);
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toContain('query Speakers');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 }).toContain('"alias": "亦夏"');
    expect(outside).toEqual([]);
    await context.close();
  });
});
