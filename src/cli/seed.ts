import 'reflect-metadata';
import { seed } from '../dataset/seed';
import { changedAnything } from '../ingest/write-counts';
import { openDatabase } from './open-database';

/** `npm run seed`: (re)loads the built-in dataset into the configured database; a second run changes nothing. */
async function main(): Promise<void> {
  const db = await openDatabase();
  try {
    await db.migrate();
    const counts = await seed(db);
    console.log(
      changedAnything(counts)
        ? `Seeded: created ${JSON.stringify(counts.created)}, updated ${JSON.stringify(counts.updated)}, ${counts.links} links`
        : 'Nothing to change: the dataset is already loaded.',
    );
    for (const warning of counts.warnings) console.warn(`warning: ${warning}`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
