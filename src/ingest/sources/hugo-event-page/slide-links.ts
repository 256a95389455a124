import { labelled, mentionsAny, SLIDES_LABELS } from './labels';
import { PageBlock } from './page-blocks';
import { cleanTalkTitle, isGenericLinkText } from './talk-titles';

/** A slide deck linked from a page, titled or behind a generic "click here". */
export interface SlideLink {
  title: string | null;
  url: string;
  line: number;
  section: string;
}

/**
 * Reads the links listed under a "资料下载" label: in the label's block and in the blocks that
 * follow, up to the next labelled list item or heading.
 */
export function readSlideLinks(blocks: PageBlock[]): SlideLink[] {
  const start = blocks.findIndex((b) => b.kind !== 'heading' && mentionsAny(b.text, SLIDES_LABELS));
  if (start < 0) return [];
  const links: SlideLink[] = [];
  for (let i = start; i < blocks.length; i++) {
    const block = blocks[i];
    if (
      i > start &&
      (block.kind === 'heading' || (block.item && /^[^[\]()]{1,16}[:：]/.test(block.text) && !labelled(block.text, SLIDES_LABELS)))
    )
      break;
    for (const link of block.links) {
      const title = cleanTalkTitle(link.text);
      links.push({ title: isGenericLinkText(title) ? null : title, url: link.url, line: block.line, section: '资料下载' });
    }
  }
  return links;
}
