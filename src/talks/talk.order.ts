import { registerEnumType } from 'type-graphql';
import type { SortKey } from '../lists/keyset-page';
import { OrderDirection } from '../graphql/order-direction.enum';
import { orderInput } from '../graphql/order-input';

/** Fields talks can be ordered by. */
export enum TalkOrderField {
  DATE = 'DATE',
  TITLE = 'TITLE',
  CREATED_AT = 'CREATED_AT',
}

registerEnumType(TalkOrderField, {
  name: 'TalkOrderField',
  description: 'Fields talks can be ordered by.',
  valuesConfig: {
    DATE: { description: 'When the talk was given (its slot, else its event start), then agenda position.' },
    TITLE: { description: 'Title, alphabetically.' },
    CREATED_AT: { description: 'When the talk was first stored.' },
  },
});

/** Ordering of a list of talks. */
export const TalkOrder = orderInput<TalkOrderField>(TalkOrderField, 'TalkOrder', 'talks');
/** Ordering of a list of talks. */
export type TalkOrder = InstanceType<typeof TalkOrder>;

/**
 * Sort keys of each talk order, over `talk t JOIN event e`. A talk's date key is its slot, else
 * its event's start, else `-infinity`, kept by triggers (migration TalkDateKeys).
 */
export const talkSortKeys: Record<TalkOrderField, SortKey[]> = {
  DATE: [
    { sql: 't.date_key', type: 'timestamptz' },
    { sql: 't.position', type: 'int' },
  ],
  TITLE: [{ sql: 't.title', type: 'text' }],
  CREATED_AT: [{ sql: 't.created_at', type: 'timestamptz' }],
};

/** Newest talks first. */
export const NEWEST_TALKS = { field: TalkOrderField.DATE, direction: OrderDirection.DESC };

/** Talks in the order they were given. */
export const AGENDA_ORDER = { field: TalkOrderField.DATE, direction: OrderDirection.ASC };
