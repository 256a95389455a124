import { legacyByteOf } from './legacy-byte-map';

/**
 * Counts the places where a character that a single-byte decoder makes from a UTF-8 lead
 * byte (Ã, å, æ, ç, â, ...) is followed by one it makes from a continuation byte. Clean
 * text in any language almost never has such pairs; UTF-8 read as Windows-1252 is full of them.
 */
export function mojibakePairCount(text: string): number {
  let pairs = 0;
  let previousWasLead = false;
  for (const char of text) {
    const byte = char.codePointAt(0)! < 0x80 ? undefined : legacyByteOf.get(char);
    if (previousWasLead && byte !== undefined && byte >= 0x80 && byte <= 0xbf) pairs++;
    previousWasLead = byte !== undefined && byte >= 0xc2 && byte <= 0xf4;
  }
  return pairs;
}

/** Whether text looks like UTF-8 that was decoded as Windows-1252 or Latin-1. */
export function looksLikeMojibake(text: string): boolean {
  return mojibakePairCount(text) >= 2;
}
