import { ArgsType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { listArgs } from '../lists/list-args';
import { Speaker } from './speaker.entity';
import { SpeakerFilter } from './speaker.filter';
import { SpeakerOrder } from './speaker.order';

/** Arguments of every list of speakers. */
@ArgsType()
export class SpeakerListArgs extends listArgs(SpeakerFilter, SpeakerOrder, 'speakers', 'by name') {}

/** A page of speakers. */
export const { ConnectionType: SpeakerConnection } = connectionTypes(Speaker, 'Speaker');
