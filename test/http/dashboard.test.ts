import express from 'express';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardDir, dashboardRouter } from '../../src/http/dashboard';

/** Serves `dashboardRouter(dir)` on a random port and returns its address and how to stop it. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express().use(dashboardRouter(dir));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('dashboardRouter', () => {
  let built: string;
  beforeAll(() => {
    built = mkdtempSync(path.join(os.tmpdir(), 'eventgraph-dashboard-'));
    mkdirSync(path.join(built, 'assets'));
    writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>dashboard</title>');
    writeFileSync(path.join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  it('serves the built page at /dashboard/, not cached, and its hashed assets, cached', async () => {
    const { url, close } = await serve(built);
    const page = await fetch(`${url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>dashboard</title>');
    const asset = await fetch(`${url}/dashboard/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=3600');
    const bare = await fetch(`${url}/dashboard`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/dashboard/');
    await close();
  });

  it('says how to build the dashboard when it has not been built', async () => {
    const { url, close } = await serve(path.join(built, 'missing'));
    const response = await fetch(`${url}/dashboard`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('The dashboard has not been built: run `npm run build` (or `npm start`, which builds first).\n');
    await close();
  });

  it('finds the build under the package root, from the sources or the compiled files', () => {
    expect(dashboardDir()).toBe(path.resolve(__dirname, '../../dist/web/dashboard'));
  });
});
