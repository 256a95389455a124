import { open } from 'fs/promises';
import { MAX_PAGE_BYTES } from './page-limit';

/** A page file read from disk, or why it was refused. */
export type PageRead = { ok: true; path: string; bytes: Buffer; text: string | null } | { ok: false; path: string; reason: string };

/**
 * Reads a page file without trusting it: refuses files over the size cap before reading them
 * whole, and returns text only for bytes that are UTF-8 without NUL bytes (otherwise the
 * bytes alone, so the extractor can report them).
 */
export async function readPage(path: string, maxBytes = MAX_PAGE_BYTES): Promise<PageRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, path, reason: `cannot open: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, path, reason: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, path, reason: `file is ${stat.size} bytes, over the ${maxBytes}-byte limit` };
    const bytes = await handle.readFile();
    return { ok: true, path, bytes, text: asText(bytes) };
  } finally {
    await handle.close();
  }
}

/** Decodes bytes as UTF-8 text, or returns null for binary or non-UTF-8 content. */
export function asText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
