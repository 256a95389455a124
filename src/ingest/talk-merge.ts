import { RawTalk } from './raw-talk';
import { SlideLink } from './slide-links';
import { titleSimilarity } from './talk-titles';

const SAME_TALK = 0.5;

/**
 * Merges talks read from several parts of a page (agenda, talk sections, slide links) into
 * one list: the same talk is recognised by a similar title; slides whose titles match no
 * talk are paired in order when they and the talks without slides are equally many.
 */
export function mergeTalks(structured: RawTalk[][], slides: SlideLink[]): RawTalk[] {
  const talks: RawTalk[] = [];
  for (const source of structured) for (const talk of source) absorb(talks, talk);
  const titled = slides.filter((s) => s.title);
  const unmatched = titled.filter((slide) => {
    const talk = talks.find((t) => titleSimilarity(t.title, slide.title!) >= SAME_TALK && !t.slidesUrl);
    if (talk) talk.slidesUrl = slide.url;
    return !talk;
  });
  const bare = talks.filter((t) => !t.slidesUrl);
  if (unmatched.length > 0 && unmatched.length === bare.length) unmatched.forEach((slide, i) => (bare[i].slidesUrl = slide.url));
  else for (const slide of unmatched) talks.push({ ...slideTalk(slide) });
  const generic = slides.filter((s) => !s.title);
  if (generic.length === 1 && talks.length === 1 && !talks[0].slidesUrl) talks[0].slidesUrl = generic[0].url;
  return talks;
}

function absorb(talks: RawTalk[], talk: RawTalk): void {
  const same = talks.find((t) => t.source !== talk.source && titleSimilarity(t.title, talk.title) >= SAME_TALK);
  if (!same) {
    talks.push(talk);
    return;
  }
  for (const person of talk.speakers) if (!same.speakers.some((p) => p.name === person.name)) same.speakers.push(person);
  same.abstract ??= talk.abstract;
  same.startsAt ??= talk.startsAt;
  same.endsAt ??= talk.endsAt;
}

function slideTalk(slide: SlideLink): RawTalk {
  return { title: slide.title!, line: slide.line, section: '资料下载', source: 'slides', kind: /圆桌/.test(slide.title!) ? 'PANEL' : 'TALK', speakers: [], abstract: null, slidesUrl: slide.url, startsAt: null, endsAt: null, repositories: [] };
}
