import { TalkKindValue } from './event-facts';
import { PersonLine } from './person-line';

/** A talk as one part of a page states it, before the parts are merged. */
export interface RawTalk {
  title: string;
  line: number;
  section: string;
  source: 'slides' | 'table' | 'heading' | 'section' | 'theme';
  kind: TalkKindValue;
  speakers: PersonLine[];
  abstract: string | null;
  slidesUrl: string | null;
  startsAt: string | null;
  endsAt: string | null;
  /** Repository URLs linked from the talk's own block, which name its projects too. */
  repositories: string[];
}

/** Builds a raw talk with nothing known but its title and place. */
export function rawTalk(title: string, line: number, section: string, source: RawTalk['source']): RawTalk {
  const kind: TalkKindValue = /圆桌|panel/i.test(title) ? 'PANEL' : 'TALK';
  return { title, line, section, source, kind, speakers: [], abstract: null, slidesUrl: null, startsAt: null, endsAt: null, repositories: [] };
}
