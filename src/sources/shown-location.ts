import { basename, isAbsolute, relative, sep } from 'path';
import { rootHolding } from './source-location';

/**
 * A document's place as a reader without an EDITOR key sees it: an absolute path on the server
 * (what a sync records) relative to the SOURCE_ROOTS folder that holds it, so that the server's
 * own layout (`/home/<user>/…`) stays untold; one outside every root by its file name alone.
 * Links, corpus-relative paths and `dataset:` names are shown as they are.
 */
export function shownLocation(uri: string, roots: readonly string[]): string {
  if (!isAbsolute(uri)) return uri;
  const root = rootHolding(uri, roots);
  const shown = root === null || root === uri ? basename(uri) : relative(root, uri);
  return shown.split(sep).join('/');
}
