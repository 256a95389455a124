import { realpath, stat } from 'fs/promises';
import { resolve, sep } from 'path';

/** The longest location the registry keeps. */
export const MAX_LOCATION_LENGTH = 2048;

/** A location checked and made canonical, or why it was refused. */
export type CheckedLocation = { ok: true; location: string; remote: boolean } | { ok: false; message: string };

// Two letters at least, so that a Windows drive (`C:\…`) is not taken for a scheme.
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks where a source is. A local path must exist and be a file or a folder (a git checkout
 * is a folder); it is kept absolute with links resolved, so one place is one registration
 * however it was written. An http(s) URL is kept in its normal form (reading one is for a later
 * sync); any other scheme (`file:`, `ftp:`, `javascript:`) and URLs with credentials are refused.
 * Given `roots` (SOURCE_ROOTS), a path must lie in one of them once `..` and links are resolved.
 */
export async function checkLocation(given: string, cwd = process.cwd(), roots?: readonly string[]): Promise<CheckedLocation> {
  const text = given.trim();
  if (!text) return { ok: false, message: 'The location is empty: give a path to a file or folder, or an http(s) URL.' };
  if (text.length > MAX_LOCATION_LENGTH)
    return { ok: false, message: `The location is ${text.length} characters long; at most ${MAX_LOCATION_LENGTH} are allowed.` };
  if (CONTROL.test(text)) return { ok: false, message: 'The location holds a control character (such as NUL or a line break).' };
  const scheme = SCHEME.exec(text)?.[1].toLowerCase();
  if (scheme !== undefined) {
    if (scheme !== 'http' && scheme !== 'https')
      return { ok: false, message: `The scheme "${scheme.slice(0, 20)}:" is not supported: give a local path or an http(s) URL.` };
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, message: `"${text.slice(0, 80)}" is not a valid URL.` };
    }
    if (url.username || url.password)
      return {
        ok: false,
        message: 'The URL holds a user name or password; registered locations are shown to readers, so give one without credentials.',
      };
    return { ok: true, location: url.href, remote: true };
  }
  const path = resolve(cwd, text);
  const real = await realpath(path).catch(() => null);
  if (real === null) return { ok: false, message: `No file or folder at "${path.slice(0, 200)}".` };
  const info = await stat(real);
  if (!info.isFile() && !info.isDirectory()) return { ok: false, message: `"${real.slice(0, 200)}" is neither a file nor a folder.` };
  if (roots && rootHolding(real, roots) === null) return { ok: false, message: outsideRoots(path, real, roots) };
  return { ok: true, location: real, remote: false };
}

/**
 * The folder of `roots` that holds `real`, or null. Both have `..` and links resolved already,
 * so comparing whole path segments is enough: `/srv/data2` is not in `/srv/data`.
 */
export function rootHolding(real: string, roots: readonly string[]): string | null {
  return roots.find((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)) ?? null;
}

/** Why a path outside SOURCE_ROOTS is refused, naming the link's target when a link led there. */
export function outsideRoots(path: string, real: string, roots: readonly string[]): string {
  const where = path === real ? `"${real.slice(0, 200)}"` : `"${path.slice(0, 200)}" leads to "${real.slice(0, 200)}", which`;
  return `${where} lies outside the folders sources may be read from (SOURCE_ROOTS: ${roots.join(', ').slice(0, 400)}).`;
}

/** Whether a registered location is an http(s) URL rather than a local path. */
export function isRemoteLocation(location: string): boolean {
  return /^https?:/i.test(location);
}
