import { TalkKindValue, TalkRoleValue } from '../../event-facts';
import { PANEL_WORDS } from './labels';
import { PagePerson } from './page-people';
import { panelLabelled } from './talk-titles';

/** A person credited on a talk, with what they did in it. */
export interface TalkCredit {
  person: PagePerson;
  role: TalkRoleValue;
}

/** A talk as one part of a page states it, before the parts are merged. */
export interface PageTalk {
  title: string;
  line: number;
  section: string;
  source: 'slides' | 'table' | 'timed' | 'block' | 'theme';
  kind: TalkKindValue;
  credits: TalkCredit[];
  abstract: string | null;
  slidesUrl: string | null;
  startsAt: string | null;
  endsAt: string | null;
  /** Repository URLs linked from the talk's own block, which name its projects too. */
  repositories: string[];
}

/** A talk with nothing known but its title and place. */
export function pageTalk(written: string, line: number, section: string, source: PageTalk['source']): PageTalk {
  // "圆桌环节-《Title》": the label says it is a panel; the title is what follows it.
  const labelled = panelLabelled(written);
  const title = labelled?.title ?? written;
  const kind: TalkKindValue = labelled || PANEL_WORDS.some((w) => title.includes(w)) ? 'PANEL' : 'TALK';
  return {
    title,
    line,
    section,
    source,
    kind,
    credits: [],
    abstract: null,
    slidesUrl: null,
    startsAt: null,
    endsAt: null,
    repositories: [],
  };
}

/** Credits a person on a talk once; a panel's speakers are its panelists. */
export function credit(talk: PageTalk, person: PagePerson, role: TalkRoleValue = 'SPEAKER'): void {
  if (talk.credits.some((c) => c.person === person)) return;
  talk.credits.push({ person, role: role === 'SPEAKER' && talk.kind === 'PANEL' ? 'PANELIST' : role });
}
