import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

/** The shared read-only corpus, beside the project root as `../shared`. */
export const SHARED = resolve(__dirname, '..', '..', '..', 'shared');

/** Whether the corpus is present; tests that read it skip when it is not. */
export const hasCorpus = existsSync(join(SHARED, 'corpus'));

/** Why corpus tests were skipped, printed once so a green run does not hide it. */
export const CORPUS_MISSING = `corpus not found at ${SHARED}/corpus: corpus tests skipped`;

/** Path of a corpus file given its path under `corpus/`. */
export function corpusPath(relative: string): string {
  return join(SHARED, 'corpus', relative);
}

/** Path of a SOFAStack activity page by its folder name. */
export function activityPath(folder: string, language = 'zh'): string {
  return corpusPath(`sofastack.tech/content/${language}/activities/${folder}/index.md`);
}

/** Reads a corpus file's bytes. */
export function readCorpus(path: string): Buffer {
  return readFileSync(path);
}
