import { registerEnumType } from 'type-graphql';

/** Why two records were made one. */
export enum MergeRule {
  EXTERNAL_ID = 'EXTERNAL_ID',
  NAME_KEY = 'NAME_KEY',
  ALIAS_OF_NAME = 'ALIAS_OF_NAME',
  EDITOR = 'EDITOR',
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
    EDITOR: { description: 'An editor merged them (`speakerMerge`).' },
  },
});
