/**
 * HTML tags and trimmed ends found by hand in one left-to-right pass. The patterns these
 * replace (`<[^>]+>`, `^[…]+|[…]+$`) rescan the rest of the text from every "<" or from
 * every character of a run, so a page of 90,000 "<" took minutes; links are read by
 * markdown-it in src/ingest/sources/hugo-event-page.
 */

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
