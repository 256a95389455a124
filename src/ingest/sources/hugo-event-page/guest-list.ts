import { GUEST_HEADINGS } from './labels';
import { PageBlock } from './page-blocks';
import { PagePeople, PagePerson } from './page-people';
import { PersonMention, readPerson } from './person-mention';

/** Whether a mention describes the host rather than a speaker. */
export function isHost(person: PersonMention): boolean {
  const about = person.about ?? '';
  return /^主持人?$|主持人$/.test(about) || (/主持/.test(about) && !/分享|演讲/.test(about));
}

/** The people listed under a "嘉宾" heading, one per line or list item; hosts are left out. */
export function readGuestList(blocks: PageBlock[], people: PagePeople): PagePerson[] {
  const guests: PagePerson[] = [];
  for (const block of blocks) {
    if (block.kind !== 'line' || !isGuestHeading(block.section)) continue;
    const mention = readPerson(block.text);
    if (!mention || isHost(mention)) continue;
    const person = people.mention(mention);
    if (!guests.includes(person)) guests.push(person);
  }
  return guests;
}

function isGuestHeading(heading: string): boolean {
  const text = heading.replace(/^\| ?/, '').trim();
  return GUEST_HEADINGS.includes(text);
}
