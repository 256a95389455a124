import { registerEnumType } from 'type-graphql';

/** How an event was held. */
export enum EventFormat {
  OFFLINE = 'OFFLINE',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}

registerEnumType(EventFormat, {
  name: 'EventFormat',
  description: 'How an event was held.',
  valuesConfig: {
    OFFLINE: { description: 'In person only.' },
    ONLINE: { description: 'Online only (livestream, webinar).' },
    HYBRID: { description: 'In person with an online livestream.' },
  },
});
