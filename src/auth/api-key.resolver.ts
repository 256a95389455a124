import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import type { Context } from '../graphql/context';
import { OrderDirection } from '../graphql/order-direction.enum';
import { PageArgs } from '../graphql/page-args';
import { ApiKey } from './api-key.entity';
import { apiKeyList } from './api-key.list';
import { Role } from '../graphql/role.enum';

/** A page of API keys. */
export const { ConnectionType: ApiKeyConnection } = connectionTypes(ApiKey, 'ApiKey');

/** The API keys, for administrators: what `npm run keys -- list` prints, through the server. */
@Resolver()
export class ApiKeyResolver {
  @Authorized(Role.ADMIN)
  @Query(() => ApiKeyConnection, {
    description: 'Every API key, oldest first, revoked ones included; never their secrets. Needs an ADMIN key.',
  })
  apiKeys(@Args() args: PageArgs, @Ctx() ctx: Context): InstanceType<typeof ApiKeyConnection> {
    return new ApiKeyConnection(ctx.lists.page(apiKeyList, { ...args, filter: null }, { field: 'ORDER', direction: OrderDirection.ASC }));
  }
}
