import { anyTarget, findLinks, replaceLinks, stripTags, trimWhere } from './inline-markup';

/** One line of a page body with its 1-based line number in the page. */
export interface PageLine {
  text: string;
  line: number;
}

/** A heading and the lines under it, up to the next heading of any level. */
export interface PageSection {
  heading: string;
  level: number;
  line: number;
  lines: PageLine[];
}

/** Numbers the lines of a body that starts at a given page line. */
export function numberLines(body: string, firstLine: number): PageLine[] {
  return body.split(/\r?\n/).map((text, i) => ({ text, line: firstLine + i }));
}

/** Cuts numbered lines into sections at every markdown heading (text before the first is level 0). */
export function splitSections(lines: PageLine[]): PageSection[] {
  const sections: PageSection[] = [{ heading: '', level: 0, line: lines[0]?.line ?? 1, lines: [] }];
  for (const line of lines) {
    const heading = readHeading(line.text);
    if (heading) sections.push({ heading: plainText(heading.text), level: heading.level, line: line.line, lines: [] });
    else sections[sections.length - 1].lines.push(line);
  }
  return sections;
}

/**
 * An ATX heading ("## Title ##"): its level and its text without the closing "#"s. Read by
 * hand because `^(#{1,6})\s+(.*?)\s*#*\s*$` backtracks over every split of a line of spaces.
 */
export function readHeading(text: string): { level: number; text: string } | null {
  let level = 0;
  while (text[level] === '#') level++;
  if (level < 1 || level > 6 || !/\s/.test(text[level] ?? '')) return null;
  const isSpace = (c: string) => /\s/.test(c);
  const content = trimWhere(text.slice(level), isSpace);
  return { level, text: trimWhere(trimWhere(content, (c) => c === '#', 'end'), isSpace, 'end') };
}

/** Strips markdown and HTML decoration, leaving the words a reader sees. */
export function plainText(markdown: string): string {
  const withoutImages = replaceLinks(markdown, findLinks(markdown, { image: true, readTarget: anyTarget }), () => '');
  const withoutLinks = replaceLinks(withoutImages, findLinks(withoutImages, { readTarget: anyTarget }), (link) => link.text);
  return stripTags(withoutLinks)
    .replace(/[*_`]+/g, '')
    .replace(/^[\s>|]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
