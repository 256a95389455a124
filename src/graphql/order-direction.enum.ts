import { registerEnumType } from 'type-graphql';

/** Sort direction of an ordered list. */
export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction of an ordered list.',
  valuesConfig: {
    ASC: { description: 'Ascending: oldest, smallest or A first.' },
    DESC: { description: 'Descending: newest, largest or Z first.' },
  },
});
