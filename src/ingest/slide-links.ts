import { findLinks } from './inline-markup';
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
/** A slide deck's target: no spaces, parentheses only in balanced pairs ("deck(1).pdf"). */
const SLIDE_TARGET = /\(((?:[^()\s]|\([^()]*\))+)\)/y;

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
    if (i > start && (isNextItem(text) || /^#{1,6}\s/.test(text))) break;
    for (const match of findLinks(text, { image: false, readTarget: slideTarget })) {
      const label = match.text;
      links.push({ title: isGenericLinkText(cleanTalkTitle(label)) ? null : cleanTalkTitle(label), url: match.url, line });
    }
  }
  return links;
}

function slideTarget(text: string, target: number): { end: number; url: string } | null {
  SLIDE_TARGET.lastIndex = target - 1;
  const match = SLIDE_TARGET.exec(text);
  return match ? { end: SLIDE_TARGET.lastIndex, url: match[1] } : null;
}

/**
 * Whether a line starts the next summary item ("- 嘉宾：…"), as
 * `^\s*[-*+]\s*(?!\[)[^[\]()]{1,16}?[:：]` says: a bullet, then a label of at most 16 characters
 * without brackets up to the first colon. By hand, as that pattern tried each split of the
 * spaces after the bullet between its two runs.
 */
function isNextItem(text: string): boolean {
  const bullet = /^\s*[-*+]/.exec(text);
  if (!bullet) return false;
  const begin = bullet[0].length;
  let label = begin;
  while (label < text.length && /\s/.test(text[label])) label++;
  for (let at = label; at < text.length && at - label <= 16; at++) {
    const char = text[at];
    if ('[]()'.includes(char)) return false;
    if (char === ':' || char === '：') return at > label || label > begin;
  }
  return false;
}

/** Turns titled slide links into talks. */
export function talksFromSlides(slides: SlideLink[]): RawTalk[] {
  return slides.filter((s) => s.title).map((s) => ({ ...rawTalk(s.title!, s.line, '资料下载', 'slides'), slidesUrl: s.url }));
}
