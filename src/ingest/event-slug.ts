import { trimWhere } from './inline-markup';

/**
 * Derives an event slug from the page's source path: the folder of an `index.md` (Hugo page
 * bundles), otherwise the file name without extension.
 */
export function eventSlugFromPath(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const file = parts.pop() ?? '';
  const base = /^(index|_index)\.(md|markdown|txt)$/i.test(file) ? (parts.pop() ?? file) : file.replace(/\.[^.]+$/, '');
  return trimWhere(base.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-'), (c) => c === '-');
}
