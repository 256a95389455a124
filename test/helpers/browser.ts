import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './test-server';

/** Where Debian's `chromium` package puts the browser (installed by `.ci/run`). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export const browserMissing = existsSync(CHROMIUM)
  ? null
  : `Browser tests skipped: ${CHROMIUM} is absent. Install Debian's chromium package (apt-get install -y chromium fonts-noto-cjk).`;

/** Screenshots and downloads the tests keep, for people to look at (gitignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

/** Headless Chromium, isolated from the network beyond what pages request. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * A browser context that lets pages reach localhost only and lists every other address they
 * tried, so a test can show that a page works offline (no CDN, no fonts from the internet).
 */
export async function offlineContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ context: BrowserContext; outside: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return { context, outside };
}

/** Builds the dashboard with Vite when its sources are newer than the build, so tests see the current page. */
export function buildDashboard(): void {
  const root = path.resolve(__dirname, '../..');
  const built = path.join(root, 'dist/web/dashboard/index.html');
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
      ),
    );
  if (existsSync(built) && statSync(built).mtimeMs >= newest(path.join(root, 'web'))) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/dashboard/vite.config.mts'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/**
 * For a describe block: a test server (seeded, then `prepare`d) and a browser, started before
 * its tests and stopped after them. Read them through the returned object inside tests.
 */
export function useServerAndBrowser(prepare?: (server: TestServer) => Promise<void>): { server: TestServer; browser: Browser } {
  const handles = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [handles.server, handles.browser] = await Promise.all([startTestServer(), launchBrowser()]);
    await prepare?.(handles.server);
  });
  afterAll(async () => {
    await handles.browser?.close();
    await handles.server?.close();
  });
  return handles;
}
