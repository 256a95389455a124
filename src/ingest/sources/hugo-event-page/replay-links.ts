import { mentionsAny, REPLAY_HEADING_WORDS } from './labels';
import { PageBlock } from './page-blocks';
import { PageTalk } from './page-talk';
import { titleSimilarity } from './talk-titles';

/**
 * Gives talks their recordings from the links under "直播回放"/"视频回顾" headings: a link whose
 * text resembles a talk's title is that talk's video; a lone link on a single-talk page is too.
 */
export function attachReplays(talks: PageTalk[], blocks: PageBlock[]): Map<PageTalk, string> {
  const videos = new Map<PageTalk, string>();
  const links = blocks
    .filter((b) => b.kind !== 'heading' && mentionsAny(b.section, REPLAY_HEADING_WORDS))
    .flatMap((b) => b.links.filter((l) => /^https?:/.test(l.url)));
  for (const link of links) {
    const talk = talks.find((t) => !videos.has(t) && titleSimilarity(t.title, link.text) >= 0.5);
    if (talk) videos.set(talk, link.url);
  }
  if (talks.length === 1 && links.length === 1 && videos.size === 0) videos.set(talks[0], links[0].url);
  return videos;
}
