import { findLinks, webTarget } from './inline-markup';
import { PageSection } from './markdown-lines';
import { RawTalk } from './raw-talk';
import { titleSimilarity } from './talk-titles';

/**
 * Gives talks their recordings from the links under "直播回放"/"视频回顾" headings: a link whose
 * text resembles a talk's title is that talk's video; a lone link on a single-talk page is too.
 */
export function attachReplays(talks: RawTalk[], sections: PageSection[]): Map<RawTalk, string> {
  const videos = new Map<RawTalk, string>();
  const links = sections
    .filter((s) => /回放|回看|视频回顾|视频/.test(s.heading))
    .flatMap((s) => s.lines.flatMap((l) => findLinks(l.text, { image: false, readTarget: webTarget })));
  for (const link of links) {
    const talk = talks.find((t) => !videos.has(t) && titleSimilarity(t.title, link.text) >= 0.5);
    if (talk) videos.set(talk, link.url);
  }
  if (talks.length === 1 && links.length === 1 && videos.size === 0) videos.set(talks[0], links[0].url);
  return videos;
}
