import 'reflect-metadata';
import { loadConfig } from '../config';
import { writeTemplate } from '../dataset/pglite-template';

/**
 * Run by `npm run build`: makes the embedded database's data-directory template for this build
 * (migrated, with the built-in dataset) in PGLITE_TEMPLATE_DIR, so a new database starts from a copy.
 */
async function main(): Promise<void> {
  const { pgliteTemplateDir } = loadConfig();
  if (!pgliteTemplateDir) {
    console.log('PGLITE_TEMPLATE_DIR is off: no template written.');
    return;
  }
  const started = Date.now();
  const { dir, made } = await writeTemplate(pgliteTemplateDir);
  console.log(made ? `Wrote the PGlite template ${dir} in ${Date.now() - started} ms` : `The PGlite template ${dir} is current.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
