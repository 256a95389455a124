import { registerEnumType } from 'type-graphql';
import type { SortKey } from '../lists/keyset-page';
import { OrderDirection } from '../graphql/order-direction.enum';
import { orderInput } from '../graphql/order-input';

/** Fields speakers can be ordered by. */
export enum SpeakerOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}

registerEnumType(SpeakerOrderField, {
  name: 'SpeakerOrderField',
  description: 'Fields speakers can be ordered by.',
  valuesConfig: { NAME: { description: 'Name, alphabetically.' }, CREATED_AT: { description: 'When the speaker was first stored.' } },
});

/** Ordering of a list of speakers. */
export const SpeakerOrder = orderInput<SpeakerOrderField>(SpeakerOrderField, 'SpeakerOrder', 'speakers');
/** Ordering of a list of speakers. */
export type SpeakerOrder = InstanceType<typeof SpeakerOrder>;

/** Sort keys of each speaker order, over `speaker s`. */
export const speakerSortKeys: Record<SpeakerOrderField, SortKey[]> = {
  NAME: [{ sql: 's.name', type: 'text' }],
  CREATED_AT: [{ sql: 's.created_at', type: 'timestamptz' }],
};

/** People by name, A to Z. */
export const SPEAKERS_BY_NAME = { field: SpeakerOrderField.NAME, direction: OrderDirection.ASC };
