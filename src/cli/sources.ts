import { loadConfig } from '../config';
import { runWithDatabase } from './run-with-database';
import { sourcesCommand } from './sources-command';

/** `npm run sources -- add|list|remove`: the source registry of the configured database. */
runWithDatabase((db) =>
  sourcesCommand(db, process.argv.slice(2), { out: console.log, err: console.error, cwd: process.cwd(), roots: loadConfig().sourceRoots }),
);
