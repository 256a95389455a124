import { Args, ArgsType, Authorized, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { connectionTypes } from '../graphql/connection';
import type { Context } from '../graphql/context';
import { fromGlobalId } from '../graphql/global-id';
import { OrderDirection } from '../graphql/order-direction.enum';
import { PageArgs } from '../graphql/page-args';
import { AuditEntry } from './audit-entry.entity';
import { auditList } from './audit.list';

/** A page of audit entries. */
export const { ConnectionType: AuditEntryConnection } = connectionTypes(AuditEntry, 'AuditEntry');

/** Arguments of `auditLog`. */
@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the changes of the record with this ID (an event, talk, speaker or project).' })
  record?: string | null;
}

/** The audit log, for administrators. */
@Resolver()
export class AuditResolver {
  @Authorized(Role.ADMIN)
  @Query(() => AuditEntryConnection, { description: 'Every change made through the API, newest first. Needs an ADMIN key.' })
  async auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof AuditEntryConnection>> {
    const { record, ...page } = args;
    const filter = record ? (({ type, id }) => ({ recordType: type, recordId: id }))(fromGlobalId(record)) : null;
    return new AuditEntryConnection(
      await ctx.lists.page(auditList, { ...page, filter }, { field: 'ORDER', direction: OrderDirection.DESC }),
    );
  }
}
