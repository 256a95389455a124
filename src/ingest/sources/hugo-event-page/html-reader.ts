import { InlineLine, LineBuilder } from './inline-line';

/** A row of an HTML table: its cells, each as lines, and whether it is a header row. */
export interface HtmlRow {
  cells: InlineLine[][];
  header: boolean;
  /** 0-based offset of the row's start in the HTML. */
  offset: number;
}

/** What an HTML fragment shows: lines of text outside tables, and table rows. */
export type HtmlPiece = { kind: 'line'; line: InlineLine; offset: number } | { kind: 'row'; row: HtmlRow };

const LINE_ENDING_TAGS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'blockquote', 'section', 'ul', 'ol']);

/**
 * Reads HTML as a browser shows it, in one pass: tags are found by the next `>` (remembered,
 * so `<td<td<td…` is read once, not once per `<`), tables become rows of cells, `<br>` and
 * block tags end lines, `<b>`/`<strong>` are bold and `<a href>` links. Anything that is not a
 * tag is text. Unclosed tags, cells and rows end where the fragment ends.
 */
export function readHtml(html: string): HtmlPiece[] {
  const pieces: HtmlPiece[] = [];
  let outside = new LineBuilder();
  let lineStart = 0;
  let row: HtmlRow | null = null;
  let cell: LineBuilder | null = null;
  let tables = 0;
  const current = () => cell ?? outside;
  const flushOutside = () => {
    outside.br();
    for (const line of outside.lines) pieces.push({ kind: 'line', line, offset: lineStart });
    outside = new LineBuilder();
  };
  const closeCell = () => {
    if (!cell || !row) return;
    cell.br();
    row.cells.push(cell.lines);
    cell = null;
  };
  const closeRow = () => {
    closeCell();
    if (row && row.cells.length) pieces.push({ kind: 'row', row });
    row = null;
  };
  let i = 0;
  let nextGt = -1;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const end = lt < 0 ? html.length : lt;
    if (end > i) {
      if (!cell && !row && outside.lines.length === 0) lineStart = i;
      current().text(decodeEntities(html.slice(i, end)));
    }
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    // -2: no '>' after this point, so no '<' further on can open a tag either.
    if (nextGt !== -2 && nextGt <= lt) {
      const at = html.indexOf('>', lt + 1);
      nextGt = at < 0 ? -2 : at;
    }
    const tag = nextGt < 0 ? null : /^<\s*(?:(\/)\s*)?([a-zA-Z][a-zA-Z0-9]{0,15})/.exec(html.slice(lt, Math.min(nextGt + 1, lt + 24)));
    if (!tag) {
      current().text('<');
      i = lt + 1;
      continue;
    }
    const closing = tag[1] === '/';
    const name = tag[2].toLowerCase();
    const attributes = html.slice(lt + tag[0].length, nextGt);
    i = nextGt + 1;
    if (name === 'table') {
      if (closing) {
        closeRow();
        tables = Math.max(0, tables - 1);
      } else {
        flushOutside();
        tables++;
      }
    } else if (name === 'tr' && tables > 0) {
      closeRow();
      if (!closing) row = { cells: [], header: false, offset: lt };
    } else if ((name === 'td' || name === 'th') && tables > 0) {
      closeCell();
      if (!closing) {
        row ??= { cells: [], header: false, offset: lt };
        if (name === 'th') row.header = true;
        cell = new LineBuilder();
      }
    } else if (name === 'br') current().br();
    else if ((name === 'b' || name === 'strong') && closing) current().strongClose();
    else if (name === 'b' || name === 'strong') current().strongOpen();
    else if (name === 'a' && closing) current().linkClose();
    else if (name === 'a') current().linkOpen(hrefOf(attributes));
    else if (LINE_ENDING_TAGS.has(name) && !cell) flushOutside();
    else if (LINE_ENDING_TAGS.has(name)) current().br();
  }
  closeRow();
  flushOutside();
  return pieces;
}

function hrefOf(attributes: string): string {
  const match = /href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  return decodeEntities(match?.[1] ?? match?.[2] ?? match?.[3] ?? '');
}

const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  middot: '·',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

/** Decodes the HTML entities pages use. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, entity: string) => {
    if (entity[0] !== '#') return NAMED[entity.toLowerCase()] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
