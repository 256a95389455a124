import { PageSection, plainText } from './markdown-lines';
import { PersonLine, readPersonLine } from './person-line';

const GUEST_HEADING = /^(本期)?(嘉宾|讲师|分享嘉宾)(介绍|阵容)?$/;

/** Whether a person line describes the host rather than a speaker. */
export function isHost(person: PersonLine): boolean {
  return /^主持人?$|主持人$/.test(person.about ?? '') || /主持/.test(person.about ?? '') && !/分享|演讲/.test(person.about ?? '');
}

/** Reads the people listed under a "嘉宾" heading, one per line or list item. */
export function readGuestList(sections: PageSection[]): { person: PersonLine; line: number; section: string }[] {
  const people: { person: PersonLine; line: number; section: string }[] = [];
  for (const section of sections.filter((s) => GUEST_HEADING.test(s.heading.replace(/^\|\s*/, '')))) {
    for (const { text, line } of section.lines) {
      const plain = plainText(text.replace(/^\s*[-*+]\s+/, ''));
      const person = plain ? readPersonLine(plain) : null;
      if (person) people.push({ person, line, section: section.heading });
    }
  }
  return people;
}
