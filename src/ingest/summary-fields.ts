/** A labelled value from a page's summary list ("- 活动时间：…"), with its line. */
export interface SummaryField {
  value: string;
  line: number;
}

/**
 * Reads the "label：value" items pages open with (活动主题, 活动时间, 活动地点, 活动形式, 资料下载,
 * …), keeping the first occurrence of each label.
 */
export function readSummaryFields(lines: readonly { text: string; line: number }[]): Map<string, SummaryField> {
  const fields = new Map<string, SummaryField>();
  for (const { text, line } of lines) {
    const match = readSummaryItem(text);
    if (match && !fields.has(match.label)) fields.set(match.label, { value: match.value, line });
  }
  return fields;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isLabelChar = (c: string | undefined) => c !== undefined && /[\p{Script=Han}A-Za-z ]/u.test(c);

/**
 * One summary item, as `^\s*(?:[-*+]\s*)?(?:\*\*)?\s*([\p{Script=Han}A-Za-z ]{2,12}?)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(.*)$`
 * reads it: an optional bullet and bold around a label of 2 to 12 letters and spaces, a colon,
 * the value. Read by hand, in one pass: that pattern tried every split of a line's spaces
 * between its six optional runs of them (a line of 300 spaces took minutes).
 */
export function readSummaryItem(text: string): { label: string; value: string } | null {
  const chars = Array.from(text);
  const skipSpaces = (at: number) => {
    while (isSpace(chars[at])) at++;
    return at;
  };
  const start = skipSpaces(0);
  const bullet = '-*+'.includes(chars[start] ?? '\u0000') ? skipSpaces(start + 1) : -1;
  const bold = (at: number) => (chars[at] === '*' && chars[at + 1] === '*' ? skipSpaces(at + 2) : -1);
  // The pattern's order of preference: with a bullet, then with bold, before without.
  for (const at of [bullet >= 0 ? bold(bullet) : -1, bullet, bold(start), start]) {
    if (at >= 0 && /[\p{Script=Han}A-Za-z]/u.test(chars[at] ?? '')) {
      const item = labelAndValue(chars, at, skipSpaces);
      if (item) return item;
    }
  }
  return null;
}

function labelAndValue(chars: string[], at: number, skipSpaces: (at: number) => number): { label: string; value: string } | null {
  let end = at;
  let last = at;
  while (isLabelChar(chars[end])) if (chars[end++] !== ' ') last = end;
  const length = last - at;
  // A one-letter label passes when a space beside it makes up the pattern's two characters.
  const padded = chars[at - 1] === ' ' || chars[last] === ' ';
  if (length > 12 || (length < 2 && !(length === 1 && padded))) return null;
  let rest = skipSpaces(last);
  if (chars[rest] === '*' && chars[rest + 1] === '*') rest = skipSpaces(rest + 2);
  if (chars[rest] !== ':' && chars[rest] !== '：') return null;
  let value = skipSpaces(rest + 1);
  if (chars[value] === '*' && chars[value + 1] === '*') value = skipSpaces(value + 2);
  const tail = chars.slice(value).join('');
  if (/[\n\r\u2028\u2029]/.test(tail)) return null;
  return { label: chars.slice(at, last).join('').trim(), value: tail.trim() };
}

/** The first summary field whose label contains one of the given words. */
export function findField(fields: Map<string, SummaryField>, ...words: string[]): SummaryField | undefined {
  for (const word of words) for (const [label, field] of fields) if (label.includes(word)) return field;
  return undefined;
}
