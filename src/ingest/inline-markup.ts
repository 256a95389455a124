/**
 * Markdown links and HTML tags found in one left-to-right pass. The patterns these replace
 * (`\[([^\]]*)\]\(([^)]*)\)`, `<[^>]+>`) rescan the rest of the text from every "[" or "<"
 * when no "]" or ">" follows, so a page of 90,000 "[" took minutes; here each closing
 * character is looked up once, however many openers precede it.
 */

/** A `[text](...)` found by {@link findLinks}: where it starts, its text, and where its target starts. */
export interface LinkCandidate {
  /** Offset of the "[" (or of the "!" of an image). */
  index: number;
  text: string;
  /** Offset just after "](": where the target starts. */
  target: number;
}

/** What a link must be to count. */
export interface LinkOptions {
  /** `true`: only images (`![..](..)`, the match starting at "!"); `false`: never a "[" right after "!"; unset: any "[". */
  image?: boolean;
  /**
   * Reads the target from `target` on; returns the offset just past the link's closing ")"
   * and the target, or null when the link does not fit (the search then goes on after its "]").
   */
  readTarget(text: string, target: number): { end: number; url: string } | null;
}

/** A link found: where it is in the text, its text and its target. */
export interface FoundLink {
  index: number;
  end: number;
  text: string;
  url: string;
}

/**
 * The non-overlapping `[text](target)` links of `text`, leftmost first, as a global regular
 * expression finds them, in time linear in the text. `readTarget` must itself be linear in
 * what it reads and never read past the first "]" or "(" that starts another link's target.
 */
export function findLinks(text: string, options: LinkOptions): FoundLink[] {
  const found: FoundLink[] = [];
  let from = 0;
  // Every "[" before the same "]" shares its fate but for the text: remember the verdict per "]".
  let close = -1;
  let verdict: { end: number; url: string } | null = null;
  while (from < text.length) {
    const open = text.indexOf('[', from);
    if (open < 0) break;
    const bang = open > 0 && text[open - 1] === '!';
    if ((options.image === true && !bang) || (options.image === false && bang)) {
      from = open + 1;
      continue;
    }
    if (close <= open) {
      close = text.indexOf(']', open + 1);
      if (close < 0) break;
      verdict = text[close + 1] === '(' ? options.readTarget(text, close + 2) : null;
    }
    if (verdict === null) {
      from = close + 1;
      continue;
    }
    const index = options.image ? open - 1 : open;
    found.push({ index, end: verdict.end, text: text.slice(open + 1, close), url: verdict.url });
    from = verdict.end;
  }
  return found;
}

/** A target as `\(([^)]*)\)` reads it: everything up to the first ")". */
export function anyTarget(text: string, target: number): { end: number; url: string } | null {
  const paren = text.indexOf(')', target);
  return paren < 0 ? null : { end: paren + 1, url: text.slice(target, paren) };
}

/** A target that is an http(s) URL without spaces or ")": `\((https?:[^)\s]+)\)`. */
export function webTarget(text: string, target: number): { end: number; url: string } | null {
  const read = anyTarget(text, target);
  return read && /^https?:\S+$/.test(read.url) ? read : null;
}

/** Replaces each link found with what `replace` makes of it. */
export function replaceLinks(text: string, links: FoundLink[], replace: (link: FoundLink) => string): string {
  let out = '';
  let at = 0;
  for (const link of links) {
    out += text.slice(at, link.index) + replace(link);
    at = link.end;
  }
  return out + text.slice(at);
}

/** Removes HTML tags as `.replace(/<[^>]+>/g, '')` does: from a "<" to the next ">", at least one character between. */
export function stripTags(text: string): string {
  let out = '';
  let at = 0;
  let from = 0;
  while (from < text.length) {
    const open = text.indexOf('<', from);
    if (open < 0) break;
    if (text[open + 1] === '>') {
      from = open + 1;
      continue;
    }
    const close = text.indexOf('>', open + 2);
    if (close < 0) break;
    out += text.slice(at, open);
    at = from = close + 1;
  }
  return out + text.slice(at);
}

/** Trims the characters `matches` accepts from both ends (one character at a time: no pattern rescans the middle). */
export function trimWhere(text: string, matches: (char: string) => boolean, ends: 'both' | 'start' | 'end' = 'both'): string {
  let start = 0;
  let end = text.length;
  if (ends !== 'end') while (start < end && matches(text[start])) start++;
  if (ends !== 'start') while (end > start && matches(text[end - 1])) end--;
  return text.slice(start, end);
}
