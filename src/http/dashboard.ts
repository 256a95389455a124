import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder the dashboard is built into by `npm run build` (Vite), found from the package root. */
export function dashboardDir(): string {
  // This file runs from src/http (tests) or dist/src/http (npm start): the package root is the
  // nearest folder above with a package.json.
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'web', 'dashboard');
}

/** Serves the built dashboard at /dashboard; says how to build it when it is missing. */
export function dashboardRouter(dir: string = dashboardDir()): Router {
  const router = express.Router();
  router.use('/dashboard', express.static(dir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  router.get('/dashboard', (_req, res) => {
    res.status(503).type('text/plain').send('The dashboard has not been built: run `npm run build` (or `npm start`, which builds first).\n');
  });
  return router;
}

// Asset names carry a content hash and may be cached; the page that names them may not.
function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
