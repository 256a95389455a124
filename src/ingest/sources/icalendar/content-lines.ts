/** One unfolded iCalendar content line: `NAME;PARAM=value:VALUE`. */
export interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
  /** 1-based physical line the content line starts on. */
  line: number;
}

/**
 * Splits iCalendar text (RFC 5545) into unfolded content lines, in one pass: a line that starts
 * with a space or tab continues the previous one. Lines without a colon are returned with the
 * name `''` so the reader can report them.
 */
export function contentLines(text: string): ContentLine[] {
  const lines: ContentLine[] = [];
  const physical = text.split(/\r?\n|\r/);
  let current: { text: string[]; line: number } | null = null;
  const flush = () => {
    if (current) lines.push(parseLine(current.text.join(''), current.line));
  };
  for (const [i, raw] of physical.entries()) {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && current) current.text.push(raw.slice(1));
    else {
      flush();
      current = raw ? { text: [raw], line: i + 1 } : null;
    }
  }
  flush();
  return lines;
}

function parseLine(text: string, line: number): ContentLine {
  // The name and parameters end at the first colon outside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return { name: '', params: {}, value: text, line };
  const head = text.slice(0, colon);
  const params: Record<string, string> = {};
  const parts = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [head];
  for (const part of parts.slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).toUpperCase()] = part.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: parts[0].toUpperCase(), params, value: text.slice(colon + 1), line };
}

/** A TEXT value with its escapes (`\n`, `\,`, `\;`, `\\`) undone. */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
