import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replaces resolvers of every object type
type Resolve = GraphQLFieldResolver<any, any>;

/**
 * Calls the graph's hot field resolvers without type-graphql's per-call wrapper, which builds a
 * resolver-data object, sorts the parameter list, converts the parent and finds the resolver
 * instance on every call: for 50 talks with their event, speakers and projects, several hundred
 * times a request. Two kinds of field qualify:
 *
 * - field resolvers whose parameters are only the parent, the context and the resolve info
 *   (a talk's `event`, `speakers`, `projects`; a project's `aliases`): called directly, and what
 *   they return synchronously (a relation the talk's page brought along) stays synchronous;
 * - fields published under another name than their property (`id`, the `globalId` getter):
 *   read directly.
 *
 * The wrapper is also what runs @Authorized, middlewares and argument conversion, so a field
 * with roles, middlewares or arguments keeps it. Returns the fields it changed, `Type.field`.
 */
export function resolveDirectly(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const changed: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's metadata keys classes as Function
  const typeOf = (target: Function | undefined) => {
    const name = storage.objectTypes.find((t) => t.target === target)?.name;
    const type = name ? schema.getType(name) : undefined;
    return type && isObjectType(type) ? type : undefined;
  };
  const withResolver = new Set<string>();

  for (const resolver of storage.fieldResolvers) {
    const type = typeOf(resolver.getObjectType?.());
    if (!type) continue;
    withResolver.add(`${type.name}.${resolver.schemaName}`);
    if (resolver.kind !== 'external' || resolver.roles?.length || resolver.middlewares?.length) continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    const kinds = params.map((p) => p.kind);
    if (params.some((p) => !(p.kind === 'root' || p.kind === 'context' || p.kind === 'info') || ('propertyName' in p && p.propertyName)))
      continue;
    const field = type.getFields()[resolver.schemaName];
    if (!field) continue;
    const instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)();
    const method = instance[resolver.methodName].bind(instance);
    const shape = kinds.join(',');
    const resolve: Resolve =
      shape === 'root,context'
        ? (root, _args, context) => method(root, context)
        : shape === 'root,context,info'
          ? (root, _args, context, info) => method(root, context, info)
          : (root, _args, context, info) => method(...kinds.map((kind) => (kind === 'root' ? root : kind === 'context' ? context : info)));
    field.resolve = resolve;
    changed.push(`${type.name}.${field.name}`);
  }

  for (const objectType of storage.objectTypes) {
    const type = typeOf(objectType.target);
    if (!type) continue;
    for (const meta of storage.fields) {
      const inherited = objectType.target === meta.target || objectType.target.prototype instanceof meta.target;
      if (!inherited || meta.name === meta.schemaName || meta.roles?.length || meta.middlewares?.length) continue;
      if (withResolver.has(`${type.name}.${meta.schemaName}`) || meta.params?.length) continue;
      const field = type.getFields()[meta.schemaName];
      if (!field) continue;
      const property = meta.name;
      field.resolve = (root) => root[property];
      changed.push(`${type.name}.${field.name}`);
    }
  }
  return changed;
}
