/// <reference lib="dom" />
// Functions passed to page.evaluate run in the page, where the DOM is.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, buildDashboard, offlineContext, useServerAndBrowser } from '../helpers/browser';
import type { TestServer } from '../helpers/test-server';

if (browserMissing) console.warn(browserMissing);

/**
 * Markup that runs script, opens a dialog or fetches from beyond localhost wherever it is
 * inserted as HTML. Each names where it was stored, so a failure says which value got through.
 */
const HOSTILE = {
  talkTitle: `<img src="https://evil.example/talk.png" onerror="window.__pwned='talk title'">Talk`,
  eventTitle: `<iframe srcdoc="<script>parent.__pwned='event title'</script>"></iframe>Event`,
  speakerName: `<img src=x onerror="window.__pwned='speaker name'">Mallory`,
  speakerAlias: `<svg onload="alert('speaker alias')"></svg>`,
  projectName: `<img src=x onerror="alert('project name')">Evil`,
  slidesUrl: `javascript:window.__pwned='slides link'`,
};

/**
 * Writes the hostile rows with SQL, as data that reached the database by any path (an import,
 * another tool, a person at psql), around a project of the built-in dataset so that the hostile
 * project is covered together with Seata.
 */
async function writeHostileRows(server: TestServer): Promise<void> {
  const q = server.db.query;
  const [community] = await q<{ id: number }>(`SELECT id FROM community WHERE slug = 'sofastack'`);
  const [event] = await q<{ id: number }>(
    `INSERT INTO event (slug, community_id, title, starts_at, format, city) VALUES ('hostile', $1, $2, '2030-01-01T10:00:00+08:00', 'OFFLINE', $3) RETURNING id`,
    [community.id, HOSTILE.eventTitle, HOSTILE.projectName],
  );
  const [talk] = await q<{ id: number }>(
    `INSERT INTO talk (event_id, title, title_key, slides_url, video_url) VALUES ($1, $2, 'hostile', $3, $3) RETURNING id`,
    [event.id, HOSTILE.talkTitle, HOSTILE.slidesUrl],
  );
  const [speaker] = await q<{ id: number }>(`INSERT INTO speaker (name, alias, name_key) VALUES ($1, $2, 'hostile') RETURNING id`, [
    HOSTILE.speakerName,
    HOSTILE.speakerAlias,
  ]);
  const [project] = await q<{ id: number }>(`INSERT INTO project (slug, name, community_id) VALUES ('hostile', $1, $2) RETURNING id`, [
    HOSTILE.projectName,
    community.id,
  ]);
  await q(`INSERT INTO talk_speaker (talk_id, speaker_id) VALUES ($1, $2)`, [talk.id, speaker.id]);
  await q(`INSERT INTO talk_project (talk_id, project_id) SELECT $1, id FROM project WHERE id = $2 OR slug = 'seata'`, [
    talk.id,
    project.id,
  ]);
}

/**
 * A page that records everything a hostile value could do: dialogs (dismissed), requests beyond
 * localhost (refused), errors, and Content-Security-Policy reports.
 */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; dialogs: string[]; violations: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { page, dialogs, violations };
}

const pwned = (page: Page) => page.evaluate(() => (window as any).__pwned ?? null);
const ready = (page: Page) => page.waitForSelector('body[data-state="ready"]', { timeout: 20_000 });

/** Shows the tooltip of one data item of a chart, as a hover would, and returns its text. */
async function tooltipText(
  page: Page,
  chart: string,
  { seriesIndex, dataIndex }: { seriesIndex: number; dataIndex: number },
): Promise<string> {
  expect(dataIndex, `${chart}: the hostile value is drawn`).toBeGreaterThanOrEqual(0);
  await page.evaluate(
    ([id, series, index]) =>
      (window as any).eventgraphDashboard.charts[id].dispatchAction({ type: 'showTip', seriesIndex: series, dataIndex: index }),
    [chart, seriesIndex, dataIndex] as const,
  );
  const tip = page.locator(`#${chart} .body > div:not(:first-child)`).last();
  await expect.poll(() => tip.innerText(), { timeout: 5_000 }).not.toBe('');
  // Let an injected handler run, if any got in.
  await page.waitForTimeout(200);
  return tip.innerText();
}

/** The data item of a chart that draws the hostile speaker or project (as a bar, a heat-map cell or a series). */
const hostileItem = (page: Page, chart: string) =>
  page.evaluate(
    ([id, speaker, project]) => {
      const option = (window as any).eventgraphDashboard.charts[id].getOption();
      if (id === 'top-speakers')
        return { seriesIndex: 0, dataIndex: (option.yAxis[0].data as string[]).findIndex((label) => label.startsWith(speaker)) };
      if (id === 'top-projects') return { seriesIndex: 0, dataIndex: (option.xAxis[0].data as string[]).indexOf(project) };
      if (id === 'events-by-city')
        return {
          seriesIndex: option.series.findIndex((s: { name: string }) => s.name === project),
          dataIndex: (option.xAxis[0].data as string[]).indexOf('2030'),
        };
      const names = option.xAxis[0].data as string[];
      return {
        seriesIndex: 0,
        dataIndex: (option.series[0].data as { value: number[] }[]).findIndex((cell) => names[cell.value[0]] === project),
      };
    },
    [chart, HOSTILE.speakerName, HOSTILE.projectName] as const,
  );

describe.skipIf(browserMissing)('hostile data in a real browser', () => {
  beforeAll(buildDashboard);
  const env = useServerAndBrowser(writeHostileRows);

  it('the API hands the hostile values back unchanged, so the pages below are what stands between them and the browser', async () => {
    const { talks } = await env.server.data(
      `{ talks(first: 1, orderBy: { field: DATE, direction: DESC }) { nodes { title slidesUrl speakers { name alias } projects { name } event { title } } } }`,
    );
    expect(talks.nodes[0]).toMatchObject({
      title: HOSTILE.talkTitle,
      slidesUrl: HOSTILE.slidesUrl,
      speakers: [{ name: HOSTILE.speakerName, alias: HOSTILE.speakerAlias }],
      event: { title: HOSTILE.eventTitle },
    });
    expect(talks.nodes[0].projects.map((p: { name: string }) => p.name)).toContain(HOSTILE.projectName);
  });

  it('the dashboard shows every hostile value as text, in charts, tooltips and the table, runs none and requests nothing beyond localhost', async () => {
    const { context, outside } = await offlineContext(env.browser, { viewport: { width: 1280, height: 900 } });
    const { page, dialogs, violations } = await watchedPage(context);
    await page.goto(`${env.server.url}/dashboard/`);
    await ready(page);

    // The tooltips of our own formatters, and ECharts' own for a category and a series name.
    const speakerTip = await tooltipText(page, 'top-speakers', await hostileItem(page, 'top-speakers'));
    expect(speakerTip).toContain(`${HOSTILE.speakerName} (${HOSTILE.speakerAlias}): 1 talks`);
    expect(speakerTip).toContain(HOSTILE.projectName);
    const pairTip = await tooltipText(page, 'co-occurrence', await hostileItem(page, 'co-occurrence'));
    expect(pairTip).toContain(HOSTILE.projectName);
    expect(pairTip).toContain('Seata');
    expect(await tooltipText(page, 'top-projects', await hostileItem(page, 'top-projects'))).toContain(HOSTILE.projectName);
    expect(await tooltipText(page, 'events-by-city', await hostileItem(page, 'events-by-city'))).toContain(HOSTILE.projectName);

    const row = page.locator('#latest-talks tbody tr').first();
    expect(await row.locator('strong').innerText()).toBe(HOSTILE.talkTitle);
    expect(await row.innerText()).toContain(HOSTILE.eventTitle);
    expect(await row.innerText()).toContain(HOSTILE.speakerName);
    expect(await row.innerText()).toContain(HOSTILE.projectName);
    // The javascript: address is shown, not linked; the row's only markup is the page's own.
    expect(await row.locator('a').count()).toBe(0);
    expect(await row.locator('td').nth(4).innerText()).toBe(HOSTILE.slidesUrl);
    expect(await page.locator('#panels img, #panels iframe, #panels script, #panels svg [onload]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);

    expect(await pwned(page)).toBeNull();
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('the playground shows the hostile values in its answer as text and runs none', async () => {
    const { context, outside } = await offlineContext(env.browser, { viewport: { width: 1280, height: 800 } });
    const { page, dialogs, violations } = await watchedPage(context);
    const query = `{ talks(first: 1, orderBy: { field: DATE, direction: DESC }) { nodes { title slidesUrl speakers { name alias } projects { name } event { title } } } }`;
    await page.goto(`${env.server.url}/?${new URLSearchParams({ query })}`);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain('javascript:');
    const answer = await result.innerText();
    for (const value of [HOSTILE.talkTitle, HOSTILE.speakerName, HOSTILE.projectName, HOSTILE.slidesUrl])
      expect(answer).toContain(JSON.stringify(value).slice(1, -1));
    await page.waitForTimeout(200);
    expect(await pwned(page)).toBeNull();
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });

  for (const [name, path] of [
    ['the dashboard', '/dashboard/'],
    ['the playground', '/'],
  ] as const) {
    it(`${name} runs no script that markup slips into its page, should a rendering hole let some in`, async () => {
      const { context, outside } = await offlineContext(env.browser);
      const { page, dialogs, violations } = await watchedPage(context);
      await page.goto(`${env.server.url}${path}`);
      // What a hole in any renderer would do: insert a stored value as HTML.
      await page.evaluate(
        (html) => document.body.insertAdjacentHTML('beforeend', html),
        `${HOSTILE.speakerName}${HOSTILE.projectName}<a id="hostile-link" href="${HOSTILE.slidesUrl}">slides</a>`,
      );
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = "window.__pwned = 'inline script'";
        document.body.append(script);
      });
      await page.locator('#hostile-link').click();
      await page.waitForTimeout(300);
      expect(await pwned(page)).toBeNull();
      expect(dialogs).toEqual([]);
      expect(outside).toEqual([]);
      // The browser says what it refused: the inline handlers, the script and the javascript: link.
      expect(violations.length).toBeGreaterThanOrEqual(3);
      await context.close();
    });
  }
});
