import { COMMON_CJK_CHARS } from './common-cjk';
import type { Deadline } from '../page-budget';
import { bigramCounter, type BigramCount } from './document-evidence';
import { GapCandidate } from './gap-candidates';

/** One position of a repaired document: a character that survived, or a lost one to choose. */
export type RepairSlot = { char: string } | { candidates: GapCandidate[] };

/** What a lost character was ranked by, strongest first. */
export type RankingReason = 'known word' | 'vocabulary' | 'document' | 'frequency' | 'none';

/** The ranking of one gap's candidates. */
export interface GapRanking {
  ranked: string[];
  reason: RankingReason;
  /** Whether the winner stands clearly above the others on context, not on frequency alone. */
  certain: boolean;
}

/** Where the ranker looks for context. */
export interface RankingContext {
  knownWords: readonly string[];
  vocabulary: readonly string[];
  evidence: string;
  /** Checked once per gap and per word; throws when the page's time is up. */
  deadline?: Deadline;
  /** 1-based line of the slot at an index, for the deadline's report. */
  lineOf?: (at: number) => number;
}

const WEIGHT = { knownWord: 10_000, vocabulary: 1_000, document: 100, frequency: 10, likely: 1 };

/** Ranks the candidates of every gap in slots, in slot order. */
export function rankGaps(slots: RepairSlot[], context: RankingContext): Map<number, GapRanking> {
  // Every pair a candidate can stand in, counted in one pass over the evidence rather than searched for per candidate.
  const candidates = new Set(slots.flatMap((slot) => ('candidates' in slot ? slot.candidates.map((c) => c.char) : [])));
  const pairs = bigramCounter(context.evidence, candidates);
  const first = rankPass(slots, context, pairs, new Map());
  // Adjacent lost characters see each other only through a first guess, so rank twice.
  const guesses = new Map([...first].map(([at, ranking]) => [at, ranking.ranked[0]]));
  return rankPass(slots, context, pairs, guesses);
}

function rankPass(
  slots: RepairSlot[],
  context: RankingContext,
  pairs: BigramCount,
  guesses: Map<number, string | undefined>,
): Map<number, GapRanking> {
  const scores = new Map<number, Map<string, { score: number; reason: RankingReason }>>();
  const check = (at: number) => context.deadline?.check('repairing its encoding', context.lineOf?.(at) ?? null);
  slots.forEach((slot, at) => {
    if ('char' in slot) return;
    check(at);
    const table = new Map<string, { score: number; reason: RankingReason }>();
    for (const candidate of slot.candidates) table.set(candidate.char, baseScore(slots, at, candidate, pairs, guesses));
    scores.set(at, table);
  });
  addWordMatches(slots, scores, context.knownWords, WEIGHT.knownWord, 'known word', check);
  addWordMatches(slots, scores, context.vocabulary, WEIGHT.vocabulary, 'vocabulary', check);
  const rankings = new Map<number, GapRanking>();
  for (const [at, table] of scores) rankings.set(at, toRanking(table));
  return rankings;
}

function baseScore(slots: RepairSlot[], at: number, candidate: GapCandidate, pairs: BigramCount, guesses: Map<number, string | undefined>) {
  const before = neighbour(slots, at - 1, guesses);
  const after = neighbour(slots, at + 1, guesses);
  let hits = 0;
  if (before) hits += pairs(before, candidate.char);
  if (after) hits += pairs(candidate.char, after);
  const rank = COMMON_CJK_CHARS.indexOf(candidate.char);
  const frequency = rank < 0 ? 0 : 1 - rank / COMMON_CJK_CHARS.length;
  const rare = isRareBlock(candidate.char) ? -WEIGHT.frequency : 0;
  const score = Math.min(hits, 5) * WEIGHT.document + frequency * WEIGHT.frequency + rare + (candidate.likely ? WEIGHT.likely : 0);
  const reason: RankingReason = hits > 0 ? 'document' : rank >= 0 ? 'frequency' : 'none';
  return { score, reason };
}

// Neighbours that are letters carry context; punctuation and spaces do not.
function neighbour(slots: RepairSlot[], at: number, guesses: Map<number, string | undefined>): string | null {
  const slot = slots[at];
  const char = !slot ? undefined : 'char' in slot ? slot.char : guesses.get(at);
  return char && /[\p{L}\p{N}]/u.test(char) ? char : null;
}

function addWordMatches(
  slots: RepairSlot[],
  scores: Map<number, Map<string, { score: number; reason: RankingReason }>>,
  words: readonly string[],
  weight: number,
  reason: RankingReason,
  check: (at: number) => void,
): void {
  // Gaps by the characters they could hold: a word can only fit where one of its letters is a candidate.
  const gapsByCandidate = new Map<string, number[]>();
  for (const [at, table] of scores) {
    for (const char of table.keys()) {
      const gaps = gapsByCandidate.get(char);
      if (gaps) gaps.push(at);
      else gapsByCandidate.set(char, [at]);
    }
  }
  const [firstGap] = scores.keys();
  for (const word of words) {
    check(firstGap);
    const chars = [...word];
    if (chars.length < 2) continue;
    chars.forEach((letter, offset) => {
      for (const at of gapsByCandidate.get(letter) ?? []) {
        const start = at - offset;
        if (!matchesAt(slots, start, chars)) continue;
        chars.forEach((char, k) => {
          const entry = scores.get(start + k)?.get(char);
          if (entry && entry.score < weight) {
            entry.score += weight;
            entry.reason = reason;
          }
        });
      }
    });
  }
}

// A word fits where every survived character equals it and every gap could hold its letter;
// at least one survived character must anchor it, or two adjacent gaps would fit anything.
function matchesAt(slots: RepairSlot[], start: number, chars: string[]): boolean {
  if (start < 0 || start + chars.length > slots.length) return false;
  let anchored = false;
  for (let k = 0; k < chars.length; k++) {
    const slot = slots[start + k];
    if ('char' in slot) {
      if (slot.char !== chars[k]) return false;
      anchored = true;
    } else if (!slot.candidates.some((c) => c.char === chars[k])) return false;
  }
  return anchored;
}

function toRanking(table: Map<string, { score: number; reason: RankingReason }>): GapRanking {
  const entries = [...table.entries()].sort((a, b) => b[1].score - a[1].score);
  if (entries.length === 0) return { ranked: [], reason: 'none', certain: false };
  const [best, second] = entries;
  const margin = best[1].score - (second ? second[1].score : 0);
  const contextual = best[1].reason === 'known word' || best[1].reason === 'vocabulary' || best[1].reason === 'document';
  return { ranked: entries.map(([char]) => char), reason: best[1].reason, certain: contextual && margin >= WEIGHT.document };
}

// Extension A, compatibility ideographs and presentation forms fit lost bytes by accident far
// more often than a page really uses them.
function isRareBlock(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfb50 && code <= 0xfeff) ||
    (code >= 0x3300 && code <= 0x33ff) ||
    (code >= 0x2e80 && code <= 0x2fff)
  );
}
