import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role, roleGrants } from '../graphql/role.enum';
import type { Context } from '../graphql/context';
import { shownLocation } from './shown-location';
import { SourceReference } from './source-reference';

/** Where a record was read, as much of it as the caller may see. */
@Resolver(() => SourceReference)
export class SourceReferenceResolver {
  @FieldResolver(() => String, {
    description:
      'The document: a path, a URL, or `dataset:<name>` for the built-in dataset. A file read by `npm run sync` is shown relative to the SOURCE_ROOTS folder that holds it; its whole path on the server needs an EDITOR or ADMIN key.',
  })
  uri(@Root() reference: SourceReference, @Ctx() ctx: Context): string {
    const editor = ctx.viewer !== null && roleGrants(ctx.viewer.role, Role.EDITOR);
    return editor ? reference.uri : shownLocation(reference.uri, ctx.sourceRoots);
  }
}
