import { registerEnumType } from 'type-graphql';

/** Kinds of object that search finds. */
export enum SearchType {
  PROJECT = 'PROJECT',
  EVENT = 'EVENT',
  TALK = 'TALK',
  SPEAKER = 'SPEAKER',
}

registerEnumType(SearchType, { name: 'SearchType', description: 'Kinds of object that search finds.' });
