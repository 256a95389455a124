import { TextDecoder } from 'util';

/** How an XML document's bytes are to be decoded, or why they cannot be. */
export type XmlDecoding = { ok: true; decoder: TextDecoder; skip: number } | { ok: false; reason: string };

/**
 * Picks the decoder an XML document asks for: a byte order mark first, then the encoding its
 * XML declaration names, else UTF-8. Decoding is fatal, so bytes that are not text in that
 * encoding are an error rather than replacement characters.
 */
export function xmlDecoding(bytes: Buffer): XmlDecoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { ok: true, decoder: new TextDecoder('utf-8', { fatal: true }), skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, decoder: new TextDecoder('utf-16le', { fatal: true }), skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, decoder: new TextDecoder('utf-16be', { fatal: true }), skip: 2 };
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^<\?xml[^>]{0,150}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1];
  if (!declared) return { ok: true, decoder: new TextDecoder('utf-8', { fatal: true }), skip: 0 };
  try {
    return { ok: true, decoder: new TextDecoder(declared, { fatal: true }), skip: 0 };
  } catch {
    return { ok: false, reason: `the XML declaration names encoding "${declared}", which is not known; convert the file to UTF-8` };
  }
}
