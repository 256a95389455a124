import { percentDecodedRuns } from './encoding/document-evidence';
import { EVENT_VOCABULARY } from './encoding/event-vocabulary';
import { gapCandidateFinder, likelyLostBytes, MAX_FILLINGS_PER_PAGE } from './encoding/gap-candidates';
import { rankGaps, RepairSlot } from './encoding/gap-ranking';
import { toLegacyBytes } from './encoding/legacy-byte-map';
import { looksLikeMojibake } from './encoding/mojibake-detect';
import { tokenizeUtf8 } from './encoding/utf8-tokens';
import { NO_DEADLINE, type Deadline } from './page-budget';

/** A character of repaired text that could not be confirmed from context. */
export interface UncertainChar {
  /** UTF-16 offset in the repaired text. */
  offset: number;
  /** 1-based line in the repaired text. */
  line: number;
  chosen: string;
  /** Other characters that fit the lost bytes, most likely first (at most five). */
  alternatives: string[];
  reason: string;
}

/** What encoding repair found and did. */
export interface EncodingReport {
  /** How the text reached us. */
  encoding: 'utf-8' | 'utf-8-read-as-windows-1252';
  repaired: boolean;
  uncertain: UncertainChar[];
  /** Set when the text looks garbled but could not be repaired; the text is then unusable. */
  error: string | null;
  /** 1-based line the error was found on, when one was. */
  errorLine?: number;
}

/** Options for {@link repairEncoding}. */
export interface RepairOptions {
  /** Names and words the caller knows to exist (people, projects), used to fill lost characters. */
  knownWords?: readonly string[];
  /** When the page's time is up: repair checks it per lost character and per known word. */
  deadline?: Deadline;
}

/**
 * Repairs UTF-8 text that was decoded as Windows-1252 (mojibake), filling characters whose
 * bytes were lost from context. Clean text is returned unchanged.
 */
export function repairEncoding(text: string, options: RepairOptions = {}): { text: string; report: EncodingReport } {
  if (!looksLikeMojibake(text)) {
    return { text, report: { encoding: 'utf-8', repaired: false, uncertain: [], error: null } };
  }
  const deadline = options.deadline ?? NO_DEADLINE;
  const bytes = toLegacyBytes(text);
  const tokens = tokenizeUtf8(bytes);
  // Counted before any candidate is looked for: a page mostly beyond repair fails at once.
  let damaged = 0;
  let multibyte = 0;
  for (const token of tokens) {
    if (token.kind !== 'text') damaged++;
    else for (const char of token.text) if (char.codePointAt(0)! >= 0x80) multibyte++;
  }
  const failed = (error: string, errorLine = 1) => ({
    text,
    report: { encoding: 'utf-8-read-as-windows-1252' as const, repaired: false, uncertain: [], error, errorLine },
  });
  if (damaged > multibyte) {
    return failed(
      `text looks like UTF-8 read as Windows-1252 but ${damaged} of ${damaged + multibyte} characters are damaged beyond repair`,
    );
  }
  const candidatesOf = gapCandidateFinder(likelyLostBytes(bytes));
  const slots: RepairSlot[] = [];
  const gapLines = new Map<number, number>();
  // Slots of one character are shared: a page is mostly survived characters, and they are only read.
  const charSlots = new Map<string, RepairSlot>();
  let line = 1;
  for (const token of tokens) {
    if (token.kind === 'text') {
      for (const char of token.text) {
        let slot = charSlots.get(char);
        if (!slot) charSlots.set(char, (slot = { char }));
        slots.push(slot);
        if (char === '\n') line++;
      }
      continue;
    }
    deadline.check('repairing its encoding', line);
    const candidates = token.kind === 'gap' ? candidatesOf(token) : [];
    if (candidates === null) {
      return failed(
        `text looks like UTF-8 read as Windows-1252 but its lost bytes are beyond repair: filling them would take more than ${MAX_FILLINGS_PER_PAGE} tries`,
        line,
      );
    }
    gapLines.set(slots.length, line);
    slots.push({ candidates });
  }
  const evidence = [...percentDecodedRuns(text), ...tokens.map((t) => (t.kind === 'text' ? t.text : '\u0000'))].join('\n');
  const rankings = rankGaps(slots, {
    knownWords: options.knownWords ?? [],
    vocabulary: EVENT_VOCABULARY,
    evidence,
    deadline,
    lineOf: (at) => gapLines.get(at) ?? 1,
  });
  return assemble(slots, rankings);
}

function assemble(slots: RepairSlot[], rankings: ReturnType<typeof rankGaps>): { text: string; report: EncodingReport } {
  let out = '';
  let line = 1;
  const uncertain: UncertainChar[] = [];
  slots.forEach((slot, at) => {
    if ('char' in slot) {
      out += slot.char;
      if (slot.char === '\n') line++;
      return;
    }
    const ranking = rankings.get(at)!;
    const chosen = ranking.ranked[0] ?? '\ufffd';
    if (!ranking.certain) {
      const reason = ranking.ranked.length === 0 ? 'no character fits the surviving bytes' : `lost bytes; chosen by ${ranking.reason}`;
      uncertain.push({ offset: out.length, line, chosen, alternatives: ranking.ranked.slice(1, 6), reason });
    }
    out += chosen;
  });
  return { text: out, report: { encoding: 'utf-8-read-as-windows-1252', repaired: true, uncertain, error: null } };
}
