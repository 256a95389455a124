import { GraphQLError } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Role, roleGrants } from '../graphql/role.enum';

/**
 * type-graphql's check behind `@Authorized(Role.X)`: anonymous callers are told to send a key,
 * callers whose key lacks the role are told which role it takes.
 */
export const authChecker: AuthCheckerFn<Context, Role> = ({ context }, roles) => {
  const viewer = context.viewer;
  if (!viewer) {
    throw new GraphQLError('This needs an API key: send `Authorization: Bearer <key>`.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  const required = roles.length ? roles : [Role.EDITOR];
  if (!required.some((role) => roleGrants(viewer.role, role))) {
    throw new GraphQLError(`This needs the ${required.join(' or ')} role; the key "${viewer.name}" is ${viewer.role}.`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return true;
};
