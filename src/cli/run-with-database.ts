import 'reflect-metadata';
import type { Database } from '../database/database';
import { openDatabase } from './open-database';

/**
 * Runs a command of the CLI on the configured database (DATABASE_URL, else PGlite in DATA_DIR)
 * after applying migrations, closes it, and exits with the command's code (1 on an error, with
 * its message only: a stack trace tells a person at a terminal nothing they can act on).
 */
export function runWithDatabase(command: (db: Database) => Promise<number>): void {
  const run = async () => {
    const db = await openDatabase();
    try {
      await db.migrate();
      return await command(db);
    } finally {
      await db.close();
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
