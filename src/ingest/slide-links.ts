import { PageLine } from './markdown-lines';
import { RawTalk, rawTalk } from './raw-talk';
import { cleanTalkTitle, isGenericLinkText } from './talk-titles';

/** A slide deck linked from a page, titled or behind a generic "click here". */
export interface SlideLink {
  title: string | null;
  url: string;
  line: number;
}

const LABEL = /资料下载|资料地址|课件下载|PPT\s*下载|演讲资料/;
const NEXT_ITEM = /^\s*[-*+]\s*(?!\[)[^[\]()]{1,16}?[:：]/;

/**
 * Reads the links listed under a "资料下载" label: on the label's line and on the lines that
 * follow, up to the next summary item or heading.
 */
export function readSlideLinks(lines: PageLine[]): SlideLink[] {
  const start = lines.findIndex((l) => LABEL.test(l.text));
  if (start < 0) return [];
  const links: SlideLink[] = [];
  for (let i = start; i < lines.length; i++) {
    const { text, line } = lines[i];
    if (i > start && (NEXT_ITEM.test(text) || /^#{1,6}\s/.test(text))) break;
    for (const match of text.matchAll(/(?<!!)\[([^\]]*)\]\(([^)\s]+(?:\([^)]*\)[^)\s]*)*)\)/g)) {
      const label = match[1];
      links.push({ title: isGenericLinkText(cleanTalkTitle(label)) ? null : cleanTalkTitle(label), url: match[2], line });
    }
  }
  return links;
}

/** Turns titled slide links into talks. */
export function talksFromSlides(slides: SlideLink[]): RawTalk[] {
  return slides.filter((s) => s.title).map((s) => ({ ...rawTalk(s.title!, s.line, '资料下载', 'slides'), slidesUrl: s.url }));
}
