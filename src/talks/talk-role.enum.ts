import { registerEnumType } from 'type-graphql';

/** What a person did in a talk. */
export enum TalkRole {
  SPEAKER = 'SPEAKER',
  MODERATOR = 'MODERATOR',
  PANELIST = 'PANELIST',
  HOST = 'HOST',
}

registerEnumType(TalkRole, { name: 'TalkRole', description: 'What a person did in a talk.' });
