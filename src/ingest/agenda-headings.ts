import { PageSection, plainText } from './markdown-lines';
import { readPersonLine } from './person-line';
import { RawTalk, rawTalk } from './raw-talk';
import { cleanTalkTitle, isHousekeeping } from './talk-titles';

const TIMED_HEADING = /^(\d{1,2})[:：](\d{2})\s*[-–—~]+\s*(\d{1,2})[:：](\d{2})\s+(\S.*)$/;
const OUTLINE = /大纲|收获|简介|亮点/;

/**
 * Reads agendas written as headings "### 19:05-20:00 Title": the first line under the
 * heading names the speaker; an outline section that follows is the abstract.
 */
export function talksFromTimedHeadings(sections: PageSection[]): RawTalk[] {
  const talks: RawTalk[] = [];
  sections.forEach((section, i) => {
    const match = TIMED_HEADING.exec(section.heading);
    if (!match) return;
    const title = cleanTalkTitle(match[5]);
    if (isHousekeeping(title)) return;
    const talk = rawTalk(title, section.line, section.heading, 'heading');
    talk.startsAt = `${match[1].padStart(2, '0')}:${match[2]}`;
    talk.endsAt = `${match[3].padStart(2, '0')}:${match[4]}`;
    const first = section.lines.find((l) => plainText(l.text));
    const person = first ? readPersonLine(first.text) : null;
    if (person) talk.speakers.push(person);
    const next = sections[i + 1];
    const outline = next && OUTLINE.test(next.heading) ? next.lines : [];
    talk.abstract = [...section.lines, ...outline].map((l) => plainText(l.text)).filter(Boolean).join('\n') || null;
    talks.push(talk);
  });
  return talks;
}
