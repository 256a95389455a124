import { PageLine } from './markdown-lines';
import { readPersonLine } from './person-line';
import { RawTalk, rawTalk } from './raw-talk';
import { cleanTalkTitle, isHousekeeping } from './talk-titles';

const TIME = /(\d{1,2}[:：]\d{2})\s*[-–—~]+\s*(\d{1,2}[:：]\d{2})/;

/**
 * Reads talks from markdown agenda tables (| 时间 | 环节 | 嘉宾 |): the header names the
 * columns; rows that are sign-in, breaks or draws are skipped.
 */
export function talksFromMarkdownTables(lines: PageLine[], section: (line: number) => string): RawTalk[] {
  const talks: RawTalk[] = [];
  let columns: Columns | null = null;
  for (const { text, line } of lines) {
    if (!/^\s*\|.*\|\s*$/.test(text)) {
      columns = null;
      continue;
    }
    const cells = text.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!columns) {
      columns = headerColumns(cells);
      if (columns) continue;
      columns = { time: cells.findIndex((c) => TIME.test(c)), title: cells.findIndex((c) => /《/.test(c)), speaker: cells.length - 1, outline: -1 };
    }
    const title = cleanTalkTitle(cells[columns.title] ?? '');
    if (!title || isHousekeeping(title) || TIME.test(title)) continue;
    const talk = rawTalk(title, line, section(line), 'table');
    const speakerCell = columns.speaker >= 0 && columns.speaker !== columns.title ? cells[columns.speaker] ?? '' : '';
    for (const part of speakerCell.split(/<br\s*\/?>/i)) {
      const person = readPersonLine(part);
      if (person) talk.speakers.push(person);
    }
    if (columns.outline >= 0) talk.abstract = cells[columns.outline].replace(/<br\s*\/?>/gi, '\n').trim() || null;
    talks.push(talk);
  }
  return talks;
}

interface Columns {
  title: number;
  speaker: number;
  time: number;
  outline: number;
}

function headerColumns(cells: string[]): Columns | null {
  const title = cells.findIndex((c) => /环节|议题|主题|内容|Topic/i.test(c));
  if (title < 0) return null;
  return {
    title,
    time: cells.findIndex((c) => /时间|Time/i.test(c)),
    speaker: cells.findIndex((c) => /嘉宾|讲师|分享人|Speaker/i.test(c)),
    outline: cells.findIndex((c) => /大纲|简介|Abstract/i.test(c)),
  };
}

/** Reads talks from HTML agenda tables: a cell with a bold title followed by the speaker. */
export function talksFromHtmlTables(lines: PageLine[], section: (line: number) => string): RawTalk[] {
  const talks: RawTalk[] = [];
  const text = lines.map((l) => l.text).join('\n');
  for (const cell of text.matchAll(/<td[^<>]*>([\s\S]*?)(?=<\/td>|<td|<\/tr>|<tr|<\/table>)/g)) {
    const bold = boldAndRest(cell[1]);
    if (!bold) continue;
    const title = cleanTalkTitle(bold[1]);
    if (!title || isHousekeeping(title)) continue;
    const line = lineAt(lines, cell.index! + cell[0].indexOf('<b>'));
    const talk = rawTalk(title, line, section(line), 'table');
    const person = readPersonLine(bold[2].split('\n').find((l) => l.trim()) ?? '');
    if (person) talk.speakers.push(person);
    talks.push(talk);
  }
  return talks;
}

/** The first `<b>…</b>` of a cell and what follows it; by indexOf, as `<b>([\s\S]*?)<\/b>` rescans from every "<b>". */
function boldAndRest(cell: string): [string, string, string] | null {
  const open = cell.indexOf('<b>');
  const close = open < 0 ? -1 : cell.indexOf('</b>', open + 3);
  return close < 0 ? null : [cell.slice(open, close + 4), cell.slice(open + 3, close), cell.slice(close + 4)];
}

function lineAt(lines: PageLine[], offset: number): number {
  let seen = 0;
  for (const { text, line } of lines) {
    seen += text.length + 1;
    if (seen > offset) return line;
  }
  return lines[lines.length - 1]?.line ?? 1;
}
