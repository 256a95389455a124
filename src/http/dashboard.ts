import express, { type Router } from 'express';
import path from 'node:path';
import { packageRoot } from '../package-root';

/** The folder the dashboard is built into by `npm run build` (Vite). */
export function dashboardDir(): string {
  return path.join(packageRoot(), 'dist', 'web', 'dashboard');
}

/** Serves the built dashboard at /dashboard; says how to build it when it is missing. */
export function dashboardRouter(dir: string = dashboardDir()): Router {
  const router = express.Router();
  router.use('/dashboard', express.static(dir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  router.get('/dashboard', (_req, res) => {
    res
      .status(503)
      .type('text/plain')
      .send('The dashboard has not been built: run `npm run build` (or `npm start`, which builds first).\n');
  });
  return router;
}

// Asset names carry a content hash and may be cached; the page that names them may not.
function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
