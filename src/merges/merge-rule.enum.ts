import { registerEnumType } from 'type-graphql';

/** Why two records were made one. */
export enum MergeRule {
  EXTERNAL_ID = 'EXTERNAL_ID',
  NAME_KEY = 'NAME_KEY',
  ALIAS_OF_NAME = 'ALIAS_OF_NAME',
  EDITOR = 'EDITOR',
  SAME_EVENT = 'SAME_EVENT',
  SAME_TITLE = 'SAME_TITLE',
}

registerEnumType(MergeRule, {
  name: 'MergeRule',
  description: 'Why two records were made one.',
  valuesConfig: {
    EXTERNAL_ID: { description: 'A source gave both the same id.' },
    NAME_KEY: { description: 'Their names are one name once case, width and spacing are set aside.' },
    ALIAS_OF_NAME: {
      description: 'A source wrote the real name with the alias (曾凡松（逐灵）) while a record knew the person only by that alias.',
    },
    EDITOR: { description: 'An editor merged them (`speakerMerge`, `talkMerge`, `eventMerge`).' },
    SAME_EVENT: {
      description: 'Two sources gave one event: same community, same start day in its time zone, and titles or slugs alike.',
    },
    SAME_TITLE: {
      description: "A talk of a merged event with the title of one of the kept event's talks, once case and spacing are set aside.",
    },
  },
});
