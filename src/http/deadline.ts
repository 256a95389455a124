import type { RequestHandler } from 'express';

/**
 * Answers a request that has not been answered within `ms` with 503 and code TIMEOUT, so no
 * client waits on a stuck request. The database's statement timeout ends the work itself; a
 * write still in its transaction then either commits whole or not at all.
 */
export function deadline(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.status(503).json({ errors: [{ message: `The request took longer than ${ms} ms and was abandoned; try again.`, extensions: { code: 'TIMEOUT' } }] });
    }, ms);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
