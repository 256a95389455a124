/** A run of bytes that decoded cleanly. */
export interface Utf8Text {
  kind: 'text';
  text: string;
}

/** A UTF-8 sequence whose lead byte survived but some continuation bytes did not. */
export interface Utf8Gap {
  kind: 'gap';
  lead: number;
  /** The continuation bytes that are still there, in order. */
  present: number[];
  /** How many continuation bytes are missing. */
  missing: number;
}

/** A byte that cannot start or continue any sequence here. */
export interface Utf8Orphan {
  kind: 'orphan';
  byte: number;
}

/** One piece of a byte stream read as UTF-8 that tolerates lost bytes. */
export type Utf8Token = Utf8Text | Utf8Gap | Utf8Orphan;

const strict = new TextDecoder('utf-8', { fatal: true });

/** Length of the sequence a lead byte starts, or 0 when it starts none. */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether a byte is a UTF-8 continuation byte. */
export function isContinuation(byte: number): boolean {
  return byte >= 0x80 && byte <= 0xbf;
}

/** Decodes one complete sequence, or returns null when it is not valid UTF-8. */
export function decodeSequence(bytes: number[]): string | null {
  try {
    return strict.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

/**
 * Reads bytes as UTF-8, cutting them into clean text, gaps (a lead byte short of its
 * continuation bytes) and orphans, so that each gap stands for exactly one lost character.
 */
export function tokenizeUtf8(bytes: Uint8Array): Utf8Token[] {
  const tokens: Utf8Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = sequenceLength(lead);
    if (length === 0) {
      flush();
      tokens.push({ kind: 'orphan', byte: lead });
      i++;
      continue;
    }
    let k = 0;
    while (k < length - 1 && i + 1 + k < bytes.length && isContinuation(bytes[i + 1 + k])) k++;
    const sequence = Array.from(bytes.subarray(i, i + 1 + k));
    const decoded = k === length - 1 ? decodeSequence(sequence) : null;
    if (decoded !== null) text += decoded;
    else {
      flush();
      tokens.push({ kind: 'gap', lead, present: sequence.slice(1), missing: length - 1 - k });
    }
    i += 1 + k;
  }
  flush();
  return tokens;
}
