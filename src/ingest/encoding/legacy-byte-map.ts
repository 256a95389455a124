import iconv from 'iconv-lite';

/**
 * Maps a character produced by a single-byte Windows decoder back to the byte it came from.
 * Windows-1252 first; Latin-1 C1 controls for decoders that keep the bytes 1252 leaves
 * undefined; then the letters Windows-1254 puts where 1252 has others, because a 4-byte
 * UTF-8 lead 0xF0 shows up as "ğ" when the wrong decoder was the Turkish one.
 */
export const legacyByteOf: ReadonlyMap<string, number> = buildLegacyByteMap();

function buildLegacyByteMap(): Map<string, number> {
  const map = new Map<string, number>();
  for (const encoding of ['win1252', 'win1254']) {
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = iconv.decode(Buffer.from([byte]), encoding);
      if (char !== '\ufffd' && !map.has(char)) map.set(char, byte);
    }
  }
  for (let byte = 0x80; byte <= 0x9f; byte++) {
    const char = String.fromCharCode(byte);
    if (!map.has(char)) map.set(char, byte);
  }
  return map;
}

/**
 * Turns text back into the bytes a single-byte decoder read. Characters no such decoder
 * produces (e.g. CJK that was never garbled) are kept as their own UTF-8 bytes.
 */
export function toLegacyBytes(text: string): Buffer {
  const parts: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) parts.push(code);
    else {
      const byte = legacyByteOf.get(char);
      if (byte !== undefined) parts.push(byte);
      else parts.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(parts);
}
