import { stat } from 'fs/promises';
import { relative, resolve, sep } from 'path';
import { listSources } from './list-pages';

/** A page file to import and the source URI it is recorded under. */
export interface PageSource {
  path: string;
  sourceUri: string;
}

/**
 * The files named on a command line: a folder stands for every page and schedule under it (recursively),
 * recorded by its path relative to that folder; a file stands for itself, recorded by its path
 * relative to the working directory (its folder alone would make every `index.md` one source).
 * A path that does not exist is kept, so that reading it reports the error against its name.
 */
export async function pageSources(args: readonly string[], cwd = process.cwd()): Promise<PageSource[]> {
  const sources: PageSource[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) {
      for (const path of await listSources(arg)) sources.push({ path, sourceUri: portable(relative(arg, path)) });
    } else {
      sources.push({ path: arg, sourceUri: portable(relative(cwd, resolve(cwd, arg))) });
    }
  }
  return sources;
}

function portable(path: string): string {
  return path.split(sep).join('/');
}
