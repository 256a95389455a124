import { InlineLine } from './inline-line';
import { PageBlock } from './page-blocks';
import { PagePeople } from './page-people';
import { readPeople } from './person-mention';
import { credit, PageTalk, pageTalk } from './page-talk';
import { cleanTalkTitle, isHousekeeping } from './talk-titles';

const TIME = /(\d{1,2}[:：]\d{2}) ?[-–—~]+ ?(\d{1,2}[:：]\d{2})/;

interface Columns {
  title: number;
  speaker: number;
  time: number;
  outline: number;
}

/**
 * Reads talks from agenda tables, markdown or HTML alike (| 时间 | 环节 | 嘉宾 |): a header row
 * names the columns; without one, the cell with a 《title》 or a bold title is the talk and the
 * last cell (or the rest of the title's cell) its speakers. Sign-in, breaks and draws are skipped.
 */
export function talksFromTables(blocks: PageBlock[], people: PagePeople): PageTalk[] {
  const talks: PageTalk[] = [];
  let columns: Columns | null = null;
  blocks.forEach((block, i) => {
    if (block.kind !== 'row') return;
    if (i === 0 || blocks[i - 1].kind !== 'row') columns = null;
    const cells = block.cells.map((lines) =>
      lines
        .map((l) => l.text)
        .join('\n')
        .trim(),
    );
    const header = columns ? null : headerColumns(cells);
    if (header) {
      columns = header;
      return;
    }
    // A one-cell header row spanning the table is its caption, not a talk.
    if (block.header && block.cells.length === 1) return;
    const talk = columns
      ? rowTalk(block, cells, columns, people)
      : (boldCellTalk(block, people) ?? rowTalk(block, cells, guessColumns(cells), people));
    if (talk) talks.push(talk);
  });
  return talks;
}

function rowTalk(block: PageBlock, cells: string[], columns: Columns, people: PagePeople): PageTalk | null {
  const title = cleanTalkTitle(cells[columns.title] ?? '');
  if (!title || isHousekeeping(title) || TIME.test(title)) return null;
  const talk = pageTalk(title, block.line, block.section, 'table');
  const time = columns.time >= 0 ? TIME.exec(cells[columns.time] ?? '') : null;
  if (time) [talk.startsAt, talk.endsAt] = [clock(time[1]), clock(time[2])];
  if (columns.speaker >= 0 && columns.speaker !== columns.title) creditLines(talk, block.cells[columns.speaker] ?? [], people);
  if (columns.outline >= 0) talk.abstract = cells[columns.outline] || null;
  return talk;
}

// An HTML agenda cell: "<b>《Title》</b> speaker line".
function boldCellTalk(block: PageBlock, people: PagePeople): PageTalk | null {
  for (const cell of block.cells) {
    const at = cell.findIndex((l) => l.strong.length > 0);
    if (at < 0) continue;
    const title = cleanTalkTitle(cell[at].strong[0]);
    if (!title || isHousekeeping(title) || TIME.test(title)) continue;
    const talk = pageTalk(title, block.line, block.section, 'table');
    const rest = cell[at].text.slice(cell[at].text.indexOf(cell[at].strong[0]) + cell[at].strong[0].length).trim();
    const lines = [...(rest ? [{ ...cell[at], text: rest }] : []), ...cell.slice(at + 1)];
    creditLines(talk, lines.slice(0, 1), people);
    return talk;
  }
  return null;
}

function creditLines(talk: PageTalk, lines: InlineLine[], people: PagePeople): void {
  for (const line of lines) for (const mention of readPeople(line.text)) credit(talk, people.mention(mention));
}

function headerColumns(cells: string[]): Columns | null {
  const title = cells.findIndex((c) => /环节|议题|主题|内容|Topic|Session/i.test(c) && c.length <= 12);
  if (title < 0) return null;
  return {
    title,
    time: cells.findIndex((c) => /时间|Time/i.test(c)),
    speaker: cells.findIndex((c) => /嘉宾|讲师|分享人|Speaker/i.test(c)),
    outline: cells.findIndex((c) => /大纲|简介|Abstract/i.test(c)),
  };
}

function guessColumns(cells: string[]): Columns {
  return {
    time: cells.findIndex((c) => TIME.test(c)),
    title: cells.findIndex((c) => c.includes('《')),
    speaker: cells.length - 1,
    outline: -1,
  };
}

function clock(text: string): string {
  const [h, m] = text.split(/[:：]/);
  return `${h.padStart(2, '0')}:${m}`;
}
