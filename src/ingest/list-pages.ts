import { readdir } from 'fs/promises';
import { join } from 'path';

const PAGE_FILE = /\.(md|markdown|txt)$/i;

/**
 * Lists page files (`*.md`, `*.txt`) under folders, recursively, sorted by path. Names with
 * spaces, brackets, commas or `!` are ordinary names here: nothing goes through a shell or a
 * glob. Symbolic links are not followed, so a link loop cannot trap the walk.
 */
export async function listPages(...roots: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) await walk(root, found);
  return found.sort();
}

async function walk(folder: string, found: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, found);
    else if (entry.isFile() && PAGE_FILE.test(entry.name)) found.push(path);
  }
}
