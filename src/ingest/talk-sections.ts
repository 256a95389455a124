import { PageLine, plainText } from './markdown-lines';
import { readPersonLine } from './person-line';
import { RawTalk, rawTalk } from './raw-talk';
import { cleanTalkTitle, isHousekeeping } from './talk-titles';

const SPEAKER_LABEL = /^(「)?(嘉宾|讲师|分享嘉宾)(介绍|简介)?(」)?\s*[:：]?/;
const ABSTRACT_LABEL = /^(「)?(议题|演讲|分享)(简介|介绍|大纲)|听众收获|听众收益|你将收获/;
const LABEL_LINE = /^\*\*[^*]+\*\*\s*$|^「.+」$|^[^，。]{2,8}[:：]\s*$/;

/**
 * Reads talk sections such as those under "本期议题以及嘉宾详解": a line that is only a title
 * in 《》 (bold or a heading), then labelled blocks — the speaker under 嘉宾介绍, the
 * abstract under 议题简介 — or a quoted speaker line right below the title.
 */
export function talksFromSections(lines: PageLine[], section: (line: number) => string): RawTalk[] {
  const talks: RawTalk[] = [];
  let current: RawTalk | null = null;
  let mode: 'speaker' | 'abstract' | 'none' = 'none';
  const abstract: string[] = [];
  const close = () => {
    if (current) current.abstract = abstract.splice(0).join('\n') || null;
  };
  for (const { text, line } of lines) {
    const title = sectionTitle(text);
    if (title !== null) {
      close();
      current = isHousekeeping(title) ? null : rawTalk(title, line, section(line), 'section');
      if (current) talks.push(current);
      mode = 'speaker';
      continue;
    }
    if (!current) continue;
    if (/^#{1,6}\s/.test(text)) {
      close();
      current = null;
      continue;
    }
    for (const url of text.match(/https?:\/\/(?:github\.com|gitee\.com)\/[\w.-]+\/[\w.-]+/g) ?? []) current.repositories.push(url);
    const plain = plainText(text);
    if (!plain) continue;
    if (SPEAKER_LABEL.test(plain)) {
      mode = 'speaker';
      addPerson(current, plain.replace(SPEAKER_LABEL, '').replace(/^[」\s:：]+/, ''));
    } else if (ABSTRACT_LABEL.test(plain)) {
      mode = 'abstract';
      const rest = plain.replace(/^[^:：]*[:：]\s*/, '');
      if (rest !== plain && rest) abstract.push(rest);
    } else if (LABEL_LINE.test(text.trim())) mode = 'none';
    else if (!current.slidesUrl && pdfTarget(text)) current.slidesUrl = pdfTarget(text);
    // Several guests may share one 嘉宾介绍 block, one per line; bio lines do not read as names.
    else if (mode === 'speaker') addPerson(current, plain);
    else if (mode === 'abstract') abstract.push(plain);
  }
  close();
  return talks;
}

/**
 * The first link target that is a PDF, as `\]\(([^)\s]+\.pdf)\)` finds it; by hand, once per
 * ")", because that pattern rescans the rest of the line from every "](" before it.
 */
export function pdfTarget(text: string): string | null {
  let from = 0;
  for (;;) {
    const open = text.indexOf('](', from);
    if (open < 0) return null;
    const close = text.indexOf(')', open + 2);
    if (close < 0) return null;
    // Every "](" before this ")" ends its target here: the leftmost one after the last space wins.
    let start = close;
    while (start > open + 2 && !/\s/.test(text[start - 1])) start--;
    const first = start === open + 2 ? open : text.indexOf('](', start - 2);
    const target = first >= 0 && first < close ? text.slice(first + 2, close) : '';
    if (target.length > 4 && /\.pdf$/i.test(target)) return target;
    from = close + 1;
  }
}

function addPerson(talk: RawTalk, text: string): boolean {
  const person = text ? readPersonLine(text) : null;
  if (person && !talk.speakers.some((p) => p.name === person.name)) talk.speakers.push(person);
  return person !== null;
}

// A title line holds nothing but one 《title》, in bold or as a heading ("### | 二、《…》").
function sectionTitle(text: string): string | null {
  const isHeading = /^#{1,6}\s/.test(text);
  const plain = plainText(text.replace(/^#{1,6}\s+/, '')).replace(/^\|\s*/, '').replace(/^[一二三四五六七八九十]+、\s*/, '');
  if (!/^《[^《》]+》$/.test(plain)) return null;
  if (!isHeading && !/^\s*\*\*/.test(text)) return null;
  return cleanTalkTitle(plain);
}
