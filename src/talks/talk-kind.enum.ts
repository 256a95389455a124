import { registerEnumType } from 'type-graphql';

/** What kind of contribution a talk is. */
export enum TalkKind {
  TALK = 'TALK',
  KEYNOTE = 'KEYNOTE',
  PANEL = 'PANEL',
  WORKSHOP = 'WORKSHOP',
  LIGHTNING = 'LIGHTNING',
}

registerEnumType(TalkKind, {
  name: 'TalkKind',
  description: 'What kind of contribution a talk is.',
  valuesConfig: {
    TALK: { description: 'A regular talk.' },
    KEYNOTE: { description: 'An opening or keynote address.' },
    PANEL: { description: 'A panel or round-table discussion.' },
    WORKSHOP: { description: 'A hands-on workshop or lab.' },
    LIGHTNING: { description: 'A short lightning talk.' },
  },
});
