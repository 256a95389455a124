import { Utf8Gap } from './utf8-tokens';

/**
 * The continuation bytes a Windows-1252 round trip tends to lose: the five it leaves
 * undefined, plus no-break space and soft hyphen, which text pipelines strip as whitespace.
 */
export const LIKELY_LOST_BYTES: readonly number[] = [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xa0, 0xad];

/** Fillings (byte sequences tried for lost bytes) one page may try in all, over its distinct gaps. */
export const MAX_FILLINGS_PER_PAGE = 100_000;

/**
 * The most lost bytes a gap may have for the whole continuation range to be tried: 64² fillings
 * per placement. Three lost bytes (64³) fit tens of thousands of rare characters, which no
 * context could choose between, so such a gap tries the likely-lost bytes only.
 */
export const MAX_FALLBACK_MISSING = 2;

const ALL_CONTINUATIONS = Array.from({ length: 0x40 }, (_, i) => 0x80 + i);

/** A character that could fill a gap, and whether it needs only likely-lost bytes. */
export interface GapCandidate {
  char: string;
  likely: boolean;
}

/** Finds a gap's candidates; null once the page's filling budget is spent. */
export type GapCandidateFinder = (gap: Utf8Gap) => GapCandidate[] | null;

/**
 * A finder for one page: lists every character that fills a gap with valid UTF-8 of the right
 * length, trying each placement of the lost bytes. Candidates built from likely-lost bytes come
 * first; the full byte range is the fallback. Gaps of one shape (lead and surviving bytes) share
 * their answer, and the page may try at most `maxFillings` fillings in all.
 */
export function gapCandidateFinder(
  likelyLost: readonly number[] = LIKELY_LOST_BYTES,
  maxFillings = MAX_FILLINGS_PER_PAGE,
): GapCandidateFinder {
  const known = new Map<string, GapCandidate[]>();
  let budget = maxFillings;
  return (gap) => {
    if (gap.missing === 0) return [];
    const shape = `${gap.lead}:${gap.present.join(',')}:${gap.missing}`;
    const cached = known.get(shape);
    if (cached) return cached;
    const seen = new Map<string, GapCandidate>();
    for (const [pool, likely] of [
      [likelyLost, true],
      [ALL_CONTINUATIONS, false],
    ] as const) {
      if (!likely && gap.missing > MAX_FALLBACK_MISSING) break;
      budget -= combinationCount(gap.present.length + gap.missing, gap.missing) * pool.length ** gap.missing;
      if (budget < 0) return null;
      for (const sequence of fillings(gap, pool)) {
        const char = decodeFilling(sequence);
        if (char !== null && !seen.has(char) && isPlausible(char)) seen.set(char, { char, likely });
      }
      if (seen.size > 0 && likely) break;
    }
    const candidates = [...seen.values()];
    known.set(shape, candidates);
    return candidates;
  };
}

function combinationCount(n: number, k: number): number {
  let result = 1;
  for (let i = 0; i < k; i++) result = (result * (n - i)) / (i + 1);
  return result;
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

// Second-byte ranges that keep a sequence shortest-form, off surrogates and within Unicode (RFC 3629).
const SECOND_BYTE: Record<number, [number, number]> = { 0xe0: [0xa0, 0xbf], 0xed: [0x80, 0x9f], 0xf0: [0x90, 0xbf], 0xf4: [0x80, 0x8f] };

/**
 * Decodes a lead byte and its continuation bytes, or null when they are not valid UTF-8. By
 * arithmetic, since a page may try tens of thousands of fillings and a decoder call per
 * filling costs far more.
 */
function decodeFilling(bytes: number[]): string | null {
  const [lead, ...tail] = bytes;
  if (tail.some((byte) => byte < 0x80 || byte > 0xbf)) return null;
  const [low, high] = SECOND_BYTE[lead] ?? [0x80, 0xbf];
  if (tail[0] < low || tail[0] > high) return null;
  let code: number;
  if (lead >= 0xc2 && lead <= 0xdf && tail.length === 1) code = lead & 0x1f;
  else if (lead >= 0xe0 && lead <= 0xef && tail.length === 2) code = lead & 0x0f;
  else if (lead >= 0xf0 && lead <= 0xf4 && tail.length === 3) code = lead & 0x07;
  else return null;
  for (const byte of tail) code = (code << 6) | (byte & 0x3f);
  return String.fromCodePoint(code);
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
