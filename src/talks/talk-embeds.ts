import type { Event } from '../events/event.entity';
import type { Project } from '../projects/project.entity';
import type { TalkCredit } from './talk-credit';
import type { Talk } from './talk.entity';

/** What a page of talks brought along for one talk: only the columns its query selected. */
export interface TalkEmbeds {
  event?: Event;
  credits?: TalkCredit[];
  projects?: Project[];
}

const EMBEDS = Symbol('talk embeds');

/** The relations the talk's page brought along, if any. */
export function talkEmbeds(talk: Talk): TalkEmbeds | undefined {
  return (talk as Talk & { [EMBEDS]?: TalkEmbeds })[EMBEDS];
}

/** Keeps a relation the talk's page brought along on the talk, for its field resolver. */
export function embedInTalk<K extends keyof TalkEmbeds>(talk: Talk, key: K, value: TalkEmbeds[K]): void {
  const holder = talk as Talk & { [EMBEDS]?: TalkEmbeds };
  (holder[EMBEDS] ??= {})[key] = value;
}
