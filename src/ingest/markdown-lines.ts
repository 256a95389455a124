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
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line.text);
    if (heading) sections.push({ heading: plainText(heading[2]), level: heading[1].length, line: line.line, lines: [] });
    else sections[sections.length - 1].lines.push(line);
  }
  return sections;
}

/** Strips markdown and HTML decoration, leaving the words a reader sees. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`]+/g, '')
    .replace(/^[\s>|]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
