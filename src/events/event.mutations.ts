import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { communityRef } from '../communities/community-ref';
import type { Context } from '../graphql/context';
import { createRecord, deleteRecord, type RecordSpec, updateRecord } from '../mutations/record-mutations';
import { tables } from '../database/tables';
import { deletePayloadType, payloadType } from '../graphql/user-error';
import { Event } from './event.entity';
import { EventCreateInput, EventUpdateInput } from './event.inputs';

/** The result of creating or updating an event. */
export const EventPayload = payloadType(Event, 'event', 'EventPayload');
/** The result of deleting an event. */
export const EventDeletePayload = deletePayloadType('deletedEventId', 'EventDeletePayload', 'event and its talks');

/** How events are written. */
export const eventRecord: RecordSpec<Event, 'event'> = {
  type: 'Event',
  entity: Event,
  table: tables.event,
  columns: {
    slug: 'slug',
    title: 'title',
    series: 'series',
    startsAt: { column: 'starts_at', cast: 'timestamptz' },
    endsAt: { column: 'ends_at', cast: 'timestamptz' },
    timeZone: 'time_zone',
    format: 'format',
    city: 'city',
    venue: 'venue',
    description: 'description',
    coverUrl: 'cover_url',
    tags: { column: 'tags', cast: 'text[]' },
    links: { column: 'links', cast: 'jsonb', convert: (links: object[]) => JSON.stringify(links.map((link) => ({ ...link }))) },
  },
  async derive(tx, input: EventUpdateInput) {
    if (input.community === undefined) return {};
    return { community_id: await communityRef(tx, input.community ?? '') };
  },
};

/** Creating, changing and deleting events. Needs an EDITOR key. */
@Resolver()
export class EventMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => EventPayload, { description: 'Creates an event.' })
  eventCreate(@Arg('input', () => EventCreateInput, { description: 'The event.' }) input: EventCreateInput, @Ctx() ctx: Context) {
    return createRecord(ctx, eventRecord, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => EventPayload, { description: 'Changes the given fields of an event.' })
  eventUpdate(
    @Arg('id', () => ID, { description: 'ID of the event.' }) id: string,
    @Arg('input', () => EventUpdateInput, { description: 'The changes.' }) input: EventUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateRecord(ctx, eventRecord, id, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => EventDeletePayload, { description: 'Deletes an event with its talks; speakers and projects stay.' })
  eventDelete(@Arg('id', () => ID, { description: 'ID of the event.' }) id: string, @Ctx() ctx: Context) {
    return deleteRecord(ctx, eventRecord, id);
  }
}
