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

/**
 * A relation the talk's page brought along, if it did. The page's row arrives with it as JSON
 * under `__<relation>` (see `ListEmbed.name`), and `embedInTalk` puts the converted value back
 * in that same property, so the talk keeps the shape it was parsed with.
 */
export function talkEmbed<K extends keyof TalkEmbeds>(talk: Talk, relation: K): TalkEmbeds[K] | undefined {
  return (talk as unknown as Record<string, TalkEmbeds[K] | undefined>)[`__${relation}`];
}

/** Keeps a relation the talk's page brought along on the talk, for its field resolver. */
export function embedInTalk<K extends keyof TalkEmbeds>(talk: Talk, relation: K, value: TalkEmbeds[K]): void {
  (talk as unknown as Record<string, TalkEmbeds[K]>)[`__${relation}`] = value;
}
