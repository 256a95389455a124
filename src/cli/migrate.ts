import 'reflect-metadata';
import { openDatabase } from './open-database';

/** `npm run migrate`: applies pending migrations to the configured database. */
async function main(): Promise<void> {
  const db = await openDatabase();
  try {
    const applied = await db.migrate();
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the schema is up to date.');
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
