import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemaSdl } from '../api/schema';

/** Writes `schema.graphql` (or prints it with `--stdout`). */
async function main(): Promise<void> {
  const sdl = await schemaSdl();
  if (process.argv.includes('--stdout')) process.stdout.write(sdl);
  else writeFileSync(path.resolve(__dirname, '../../../schema.graphql'), sdl);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
