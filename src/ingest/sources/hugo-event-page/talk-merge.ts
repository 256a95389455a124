import { credit, PageTalk, pageTalk } from './page-talk';
import { SlideLink } from './slide-links';
import { titleKey, titleSimilarity } from './talk-titles';

const SAME_TALK = 0.5;
// Far more than any event holds; a page past them is not an agenda, and comparing every talk
// with every other would cost their square.
const MAX_TALKS = 200;
const MAX_TITLE = 200;

/**
 * Merges talks read from several parts of a page (agenda, talk blocks, slide links) into
 * one list: the same talk is recognised by a similar title; slides whose titles match no
 * talk are paired in order when they and the talks without slides are equally many.
 */
export function mergeTalks(structured: PageTalk[][], slides: SlideLink[]): PageTalk[] {
  const talks: PageTalk[] = [];
  for (const source of structured) for (const talk of source.slice(0, MAX_TALKS)) if (talk.title.length <= MAX_TITLE) absorb(talks, talk);
  const titled = slides.filter((s) => s.title && s.title.length <= MAX_TITLE).slice(0, MAX_TALKS);
  const unmatched = titled.filter((slide) => {
    const talk = talks.find((t) => titleSimilarity(t.title, slide.title!) >= SAME_TALK && !t.slidesUrl);
    if (talk) talk.slidesUrl = slide.url;
    return !talk;
  });
  const bare = talks.filter((t) => !t.slidesUrl);
  if (unmatched.length > 0 && unmatched.length === bare.length) unmatched.forEach((slide, i) => (bare[i].slidesUrl = slide.url));
  else for (const slide of unmatched) talks.push({ ...pageTalk(slide.title!, slide.line, slide.section, 'slides'), slidesUrl: slide.url });
  const generic = slides.filter((s) => !s.title);
  if (generic.length === 1 && talks.length === 1 && !talks[0].slidesUrl) talks[0].slidesUrl = generic[0].url;
  return talks;
}

function absorb(talks: PageTalk[], talk: PageTalk): void {
  // One title written twice (an agenda, then a "talk details" part) is one talk wherever it stands.
  const key = titleKey(talk.title);
  const same =
    talks.find((t) => titleKey(t.title) === key) ??
    talks.find((t) => (t.source !== talk.source || t.section !== talk.section) && titleSimilarity(t.title, talk.title) >= SAME_TALK);
  if (!same) {
    talks.push(talk);
    return;
  }
  if (talk.kind === 'PANEL') same.kind = 'PANEL';
  for (const c of talk.credits) credit(same, c.person, c.role);
  same.abstract ??= talk.abstract;
  same.startsAt ??= talk.startsAt;
  same.endsAt ??= talk.endsAt;
  same.slidesUrl ??= talk.slidesUrl;
  same.repositories.push(...talk.repositories);
}
