import { readdir } from 'fs/promises';
import { join } from 'path';

const PAGE_FILE = /\.(md|markdown|txt)$/i;
/** Pages, schedules (`.xml`, `.json`, `.ics`) and the licence and readme files a folder of them holds, to be reported as skipped. */
const SOURCE_FILE = /\.(md|markdown|txt|xml|json|ics|ical|ifb)$|^(licen[cs]e|copying|notice|readme)([._-].*)?$/i;

/**
 * Lists page files (`*.md`, `*.txt`) under folders, recursively, sorted by path. Names with
 * spaces, brackets, commas or `!` are ordinary names here: nothing goes through a shell or a
 * glob. Symbolic links are not followed, so a link loop cannot trap the walk.
 */
export function listPages(...roots: string[]): Promise<string[]> {
  return listFiles(PAGE_FILE, roots);
}

/** Lists every file an import looks at under folders: pages, schedules, and licence and readme files; as `listPages` does. */
export function listSources(...roots: string[]): Promise<string[]> {
  return listFiles(SOURCE_FILE, roots);
}

async function listFiles(pattern: RegExp, roots: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) await walk(root, pattern, found);
  return found.sort();
}

async function walk(folder: string, pattern: RegExp, found: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(folder, entry.name);
    // A git checkout's own store holds no sources, only copies of them.
    if (entry.isDirectory() && entry.name !== '.git') await walk(path, pattern, found);
    else if (entry.isFile() && pattern.test(entry.name)) found.push(path);
  }
}
