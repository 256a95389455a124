import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DataQuality } from '../analytics/data-quality';
import type { Event } from '../events/event.entity';
import { connectionTypes } from '../graphql/connection';
import type { Context } from '../graphql/context';
import { OrderDirection } from '../graphql/order-direction.enum';
import { PageArgs } from '../graphql/page-args';
import type { Talk } from '../talks/talk.entity';
import { FactConflict, FactRecord } from './fact-conflict';
import { factConflictList } from './fact-conflict.list';

/** A page of conflicts. */
export const { ConnectionType: FactConflictConnection } = connectionTypes(FactConflict, 'FactConflict');

/** The fields on which sources disagree, under `dataQuality`. */
@Resolver(() => DataQuality)
export class DataQualityConflictsResolver {
  @FieldResolver(() => FactConflictConnection, {
    description:
      'Fields of talks and events of the slice to which sources gave different values and no editor has given one, in the order the values were first stored; `totalCount` counts them. An editor settles one by setting the field (`talkUpdate`, `eventUpdate`).',
  })
  conflicts(@Root() quality: DataQuality, @Args() args: PageArgs, @Ctx() ctx: Context): InstanceType<typeof FactConflictConnection> {
    return new FactConflictConnection(
      ctx.lists.page(factConflictList, { ...args, filter: quality.filter }, { field: 'ORDER', direction: OrderDirection.ASC }),
    );
  }
}

/** The record a conflict is about. */
@Resolver(() => FactConflict)
export class FactConflictResolver {
  @FieldResolver(() => FactRecord, { description: 'The talk or event whose field it is.' })
  async record(@Root() conflict: FactConflict, @Ctx() ctx: Context): Promise<Talk | Event> {
    const record =
      conflict.recordType === 'Talk'
        ? await ctx.loaders.talkById.load(conflict.recordId)
        : await ctx.loaders.eventById.load(conflict.recordId);
    return record as Talk | Event;
  }
}
