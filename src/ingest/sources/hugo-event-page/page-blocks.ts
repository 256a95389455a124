import MarkdownIt from 'markdown-it';
import { readHtml } from './html-reader';
import { InlineLine, LineBuilder } from './inline-line';

/** One block of a page as a reader sees it: a heading, a line of text or a table row. */
export interface PageBlock extends InlineLine {
  kind: 'heading' | 'line' | 'row';
  /** Heading level, 1–6; 0 for other blocks. */
  level: number;
  /** 1-based line in the page. */
  line: number;
  /** Whether the line opens a list item. */
  item: boolean;
  /** Whether the line stands in a blockquote. */
  quoted: boolean;
  /** A table row's cells, each as its lines (markdown and HTML tables alike). */
  cells: InlineLine[][];
  /** Whether a table row is its table's header. */
  header: boolean;
  /** The heading the block stands under ('' before the first). */
  section: string;
}

// Block structure only: inline markup is read line by line below, where its cost is bounded.
const blockParser = new MarkdownIt('default', { html: true });
blockParser.core.ruler.disable(['inline', 'text_join']);
const inlineParser = new MarkdownIt('default', { html: true });

// markdown-it's inline rules are quadratic on some runs ("[[[[", "![![", "*a_*a_"): before a
// line reaches it, brackets that close nothing (or nest deeper than two) and emphasis marks of
// a line that holds more than EMPHASIS_RUNS of them are escaped, and a long line is read in
// chunks, so every line costs time in proportion to its length.
const INLINE_CHUNK = 8000;
const EMPHASIS_RUNS = 40;
const MAX_ESCAPES = 256;
const MARKUP = /[*_`<>![\]\\&]/;

/**
 * Reads a page body into blocks with markdown-it: headings, paragraph lines, list items,
 * blockquotes, markdown tables, and HTML blocks (tables included) through the HTML reader.
 * Runs of blank lines are folded first (their line numbers kept), so a body of whitespace
 * costs one pass.
 */
export function readBlocks(body: string, firstLine: number): PageBlock[] {
  const { text, lineOf } = foldBlankRuns(body, firstLine);
  const tokens = blockParser.parse(text, {});
  const blocks: PageBlock[] = [];
  let section = '';
  let heading = 0;
  let itemOpen = false;
  let quoteDepth = 0;
  let row: { cells: InlineLine[][]; header: boolean; line: number } | null = null;
  let inHead = false;
  const push = (line: InlineLine, at: number, extra: Partial<PageBlock> = {}) => {
    const block: PageBlock = {
      ...line,
      kind: 'line',
      level: 0,
      line: at,
      item: false,
      quoted: quoteDepth > 0,
      cells: [],
      header: false,
      section,
      ...extra,
    };
    blocks.push(block);
    return block;
  };
  for (const token of tokens) {
    const at = lineOf(token.map?.[0] ?? 0);
    switch (token.type) {
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        heading = 0;
        break;
      case 'list_item_open':
        itemOpen = true;
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = { cells: [], header: inHead, line: at };
        break;
      case 'tr_close':
        if (row) push(rowLine(row.cells), row.line, { kind: 'row', cells: row.cells, header: row.header });
        row = null;
        break;
      case 'inline':
        if (row) {
          row.cells.push(inlineLines(token.content));
        } else if (heading) {
          const line = inlineLines(token.content.replace(/\n/g, ' '))[0] ?? { text: '', bold: false, strong: [], links: [] };
          section = line.text;
          push(line, at, { kind: 'heading', level: heading, section });
        } else {
          token.content.split('\n').forEach((source, i) => {
            for (const line of inlineLines(source)) push(line, lineOf((token.map?.[0] ?? 0) + i), { item: itemOpen });
            itemOpen = false;
          });
        }
        break;
      case 'html_block': {
        const start = token.map?.[0] ?? 0;
        const newlines = newlineOffsets(token.content);
        const lineAt = (offset: number) => lineOf(start + countBefore(newlines, offset));
        for (const piece of readHtml(token.content)) {
          if (piece.kind === 'line') push(piece.line, lineAt(piece.offset));
          else push(rowLine(piece.row.cells), lineAt(piece.row.offset), { kind: 'row', cells: piece.row.cells, header: piece.row.header });
        }
        break;
      }
    }
  }
  return blocks;
}

// A row read as one line: its cells' words, and every link in it.
function rowLine(cells: InlineLine[][]): InlineLine {
  return {
    text: cells.map((c) => c.map((l) => l.text).join(' ')).join(' | '),
    bold: false,
    strong: [],
    links: cells.flat().flatMap((l) => l.links),
  };
}

/** Reads one line of inline markdown (bold, links, code, inline HTML) into lines split at `<br>`. */
export function inlineLines(source: string): InlineLine[] {
  const builder = new LineBuilder();
  if (!MARKUP.test(source)) {
    builder.text(source);
    builder.br();
    return builder.lines;
  }
  const safe = defuse(source);
  if (safe === null) {
    builder.text(source.replace(/[*_`]+/g, ''));
    builder.br();
    return builder.lines;
  }
  for (let start = 0; start < safe.length; start += INLINE_CHUNK) {
    const children = inlineParser.parseInline(safe.slice(start, start + INLINE_CHUNK), {})[0]?.children ?? [];
    for (const child of children) {
      switch (child.type) {
        case 'text':
        case 'code_inline':
          builder.text(child.content);
          break;
        case 'strong_open':
          builder.strongOpen();
          break;
        case 'strong_close':
          builder.strongClose();
          break;
        case 'link_open':
          builder.linkOpen(String(child.attrGet('href') ?? ''));
          break;
        case 'link_close':
          builder.linkClose();
          break;
        case 'softbreak':
        case 'hardbreak':
          builder.br();
          break;
        case 'html_inline':
          htmlInline(builder, child.content);
          break;
      }
    }
  }
  builder.br();
  return builder.lines;
}

/**
 * Escapes the markup that would make markdown-it's inline pass quadratic, leaving the rest as
 * it is; null for a line so full of it (more than MAX_ESCAPES) that it is no prose, read as text.
 */
export function defuse(source: string): string | null {
  const escape = new Set<number>();
  const open: number[] = [];
  let emphasisRuns = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      if (open.length < 2) open.push(i);
      else if (escape.add(i).size > MAX_ESCAPES) return null;
    } else if (c === ']') open.pop();
    else if ((c === '*' || c === '_') && source[i - 1] !== c && ++emphasisRuns > MAX_ESCAPES) return null;
  }
  for (const i of open) escape.add(i);
  const manyEmphasis = emphasisRuns > EMPHASIS_RUNS;
  if (escape.size === 0 && !manyEmphasis) return source;
  const out: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out.push(c, source[i + 1] ?? '');
      i++;
    } else if (escape.has(i) || (manyEmphasis && (c === '*' || c === '_'))) out.push('\\', c);
    else out.push(c);
  }
  return out.join('');
}

function htmlInline(builder: LineBuilder, tag: string): void {
  const match = /^<\s*(?:(\/)\s*)?([a-zA-Z]{1,10})/.exec(tag);
  if (!match) return;
  const name = match[2].toLowerCase();
  if (name === 'br') builder.br();
  else if ((name === 'b' || name === 'strong') && match[1]) builder.strongClose();
  else if (name === 'b' || name === 'strong') builder.strongOpen();
}

// Folds every run of blank lines into one, remembering each kept line's page line number.
function foldBlankRuns(body: string, firstLine: number): { text: string; lineOf: (index: number) => number } {
  const lines = body.split(/\r?\n/);
  const kept: string[] = [];
  const numbers: number[] = [];
  let blank = false;
  lines.forEach((line, i) => {
    const isBlank = line.trim() === '';
    if (isBlank && blank) return;
    blank = isBlank;
    kept.push(isBlank ? '' : line);
    numbers.push(firstLine + i);
  });
  return { text: kept.join('\n'), lineOf: (index) => numbers[Math.min(index, numbers.length - 1)] ?? firstLine };
}

function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) offsets.push(at);
  return offsets;
}

// How many offsets lie before a position, by bisection.
function countBefore(sorted: number[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < position) low = mid + 1;
    else high = mid;
  }
  return low;
}
