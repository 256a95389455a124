import { loadConfig } from '../config';
import { runWithDatabase } from './run-with-database';
import { syncCommand } from './sync-command';

/** `npm run sync -- [<id or location>...]`: re-reads the registered sources into the configured database. */
runWithDatabase(
  async (db) =>
    (
      await syncCommand(db, process.argv.slice(2), {
        out: console.log,
        err: console.error,
        cwd: process.cwd(),
        roots: loadConfig().sourceRoots,
      })
    ).code,
);
