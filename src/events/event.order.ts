import { registerEnumType } from 'type-graphql';
import type { SortKey } from '../lists/keyset-page';
import { OrderDirection } from '../graphql/order-direction.enum';
import { orderInput } from '../graphql/order-input';

/** Fields events can be ordered by. */
export enum EventOrderField {
  START_TIME = 'START_TIME',
  TITLE = 'TITLE',
  CREATED_AT = 'CREATED_AT',
}

registerEnumType(EventOrderField, {
  name: 'EventOrderField',
  description: 'Fields events can be ordered by.',
  valuesConfig: {
    START_TIME: { description: 'When the event started; events without a date come first ascending, last descending.' },
    TITLE: { description: 'Title, alphabetically.' },
    CREATED_AT: { description: 'When the event was first stored.' },
  },
});

/** Ordering of a list of events. */
export const EventOrder = orderInput<EventOrderField>(EventOrderField, 'EventOrder', 'events');
/** Ordering of a list of events. */
export type EventOrder = InstanceType<typeof EventOrder>;

/** Sort keys of each event order, over `event e`. */
export const eventSortKeys: Record<EventOrderField, SortKey[]> = {
  START_TIME: [{ sql: `coalesce(e.starts_at, '-infinity'::timestamptz)`, type: 'timestamptz' }],
  TITLE: [{ sql: 'e.title', type: 'text' }],
  CREATED_AT: [{ sql: 'e.created_at', type: 'timestamptz' }],
};

/** Latest events first. */
export const LATEST_EVENTS = { field: EventOrderField.START_TIME, direction: OrderDirection.DESC };
