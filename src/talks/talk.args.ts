import { ArgsType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { listArgs } from '../lists/list-args';
import { Talk } from './talk.entity';
import { TalkFilter } from './talk.filter';
import { TalkOrder } from './talk.order';

/** Arguments of every list of talks. */
@ArgsType()
export class TalkListArgs extends listArgs(TalkFilter, TalkOrder, 'talks', 'newest first') {}

/** A page of talks. */
export const { ConnectionType: TalkConnection } = connectionTypes(Talk, 'Talk');
