import { ArgsType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { listArgs } from '../lists/list-args';
import { Event } from './event.entity';
import { EventFilter } from './event.filter';
import { EventOrder } from './event.order';

/** Arguments of every list of events. */
@ArgsType()
export class EventListArgs extends listArgs(EventFilter, EventOrder, 'events', 'latest first') {}

/** A page of events. */
export const { ConnectionType: EventConnection } = connectionTypes(Event, 'Event');
