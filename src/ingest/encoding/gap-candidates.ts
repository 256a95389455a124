import { decodeSequence, Utf8Gap } from './utf8-tokens';

/**
 * The continuation bytes a Windows-1252 round trip tends to lose: the five it leaves
 * undefined, plus no-break space and soft hyphen, which text pipelines strip as whitespace.
 */
export const LIKELY_LOST_BYTES: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xad];

const ALL_CONTINUATIONS = Array.from({ length: 0x40 }, (_, i) => 0x80 + i);

/** A character that could fill a gap, and whether it needs only likely-lost bytes. */
export interface GapCandidate {
  char: string;
  likely: boolean;
}

/**
 * Lists every character that fills a gap with valid UTF-8 of the right length: the lost
 * bytes may sit at any continuation position, so each placement is tried. Candidates built
 * from likely-lost bytes come first; the full byte range is the fallback.
 */
export function gapCandidates(gap: Utf8Gap, likelyLost: readonly number[] = LIKELY_LOST_BYTES): GapCandidate[] {
  if (gap.missing === 0) return [];
  const seen = new Map<string, GapCandidate>();
  for (const [pool, likely] of [[likelyLost, true], [ALL_CONTINUATIONS, false]] as const) {
    for (const sequence of fillings(gap, pool)) {
      const char = decodeSequence(sequence);
      if (char !== null && !seen.has(char) && isPlausible(char)) seen.set(char, { char, likely });
    }
    if (seen.size > 0 && likely) break;
  }
  return [...seen.values()];
}

function* fillings(gap: Utf8Gap, pool: readonly number[]): Generator<number[]> {
  const slots = gap.present.length + gap.missing;
  for (const missingAt of combinations(slots, gap.missing)) {
    for (const fill of product(pool, gap.missing)) {
      const tail: number[] = [];
      let p = 0;
      let f = 0;
      for (let s = 0; s < slots; s++) tail.push(missingAt.includes(s) ? fill[f++] : gap.present[p++]);
      yield [gap.lead, ...tail];
    }
  }
}

function* combinations(n: number, k: number, start = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= n - k; i++) for (const rest of combinations(n, k - 1, i + 1)) yield [i, ...rest];
}

function* product(pool: readonly number[], k: number): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (const byte of pool) for (const rest of product(pool, k - 1)) yield [byte, ...rest];
}

// Private-use and unassigned-looking code points never come out of a real page.
function isPlausible(char: string): boolean {
  return /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u.test(char) && !/\p{Co}/u.test(char);
}

/**
 * The bytes this document lost: the usual suspects, plus every continuation byte that never
 * occurs although the document is long enough that each should (a filter that dropped, say,
 * Ž and ž drops their bytes everywhere).
 */
export function likelyLostBytes(bytes: Uint8Array): number[] {
  const counts = new Array<number>(0x40).fill(0);
  let total = 0;
  for (const byte of bytes) {
    if (byte >= 0x80 && byte <= 0xbf) {
      counts[byte - 0x80]++;
      total++;
    }
  }
  const lost = new Set(LIKELY_LOST_BYTES);
  if (total >= 0x40 * 8) counts.forEach((count, i) => count === 0 && lost.add(0x80 + i));
  return [...lost].sort((a, b) => a - b);
}
