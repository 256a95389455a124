import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { getMetadataStorage } from 'type-graphql';
import { resolveDirectly } from '../../src/graphql/direct-resolvers';
import { toGlobalId } from '../../src/graphql/global-id';
import { createSchema } from '../../src/api/schema';

// The graph's object types resolve their plain fields as graphql-js's default resolver does
// (`simpleResolvers: true`), which graphql-jit turns into a property read, instead of through
// type-graphql's per-field wrapper. That wrapper is also what runs a field's @Authorized and
// middlewares, so a simple field must never have either, and a field published under another
// name than its property's must not be simple (the default resolver reads the published name).

describe('simple field resolvers', () => {
  it('skip nothing a field asked for, and read the right property', async () => {
    await createSchema();
    const storage = getMetadataStorage();
    const simpleTypes = new Set(storage.objectTypes.filter((type) => type.simpleResolvers).map((type) => type.target));
    expect(simpleTypes.size, 'some object types use simple resolvers').toBeGreaterThan(5);
    const withResolver = new Set(storage.fieldResolvers.map((r) => `${r.getObjectType?.()?.name}.${r.methodName}`));
    const inherited = (target: Function, ancestor: Function) => target === ancestor || target.prototype instanceof ancestor;
    const problems: string[] = [];
    for (const type of storage.objectTypes.filter((t) => simpleTypes.has(t.target))) {
      for (const field of storage.fields.filter((f) => inherited(type.target, f.target))) {
        const simple = field.simple ?? true;
        if (!simple || withResolver.has(`${type.target.name}.${field.name}`)) continue;
        if (field.roles?.length) problems.push(`${type.name}.${field.schemaName} has @Authorized but would not check it`);
        if (field.middlewares?.length) problems.push(`${type.name}.${field.schemaName} has middlewares that would not run`);
        if (field.name !== field.schemaName)
          problems.push(`${type.name}.${field.schemaName} reads property ${field.name}: mark it simple: false`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keep `id` the global ID on every node type', async () => {
    const schema = await createSchema();
    for (const name of ['Talk', 'Event', 'Speaker', 'Project', 'Community']) {
      const field = (schema.getType(name) as any).getFields().id;
      const entity = Object.assign(
        Object.create((getMetadataStorage().objectTypes.find((t) => t.name === name)!.target as any).prototype),
        { id: 7 },
      );
      expect(await field.resolve(entity, {}, {}, {}), name).toBe(Buffer.from(`${name}:7`).toString('base64url'));
    }
  });

  it('call the hot field resolvers directly, and only those with no arguments, roles or middlewares', async () => {
    const schema = await createSchema();
    const direct = resolveDirectly(schema);
    for (const field of ['Talk.event', 'Talk.speakers', 'Talk.projects', 'Talk.credits', 'Talk.id', 'Event.community', 'Project.aliases'])
      expect(direct, field).toContain(field);
    const storage = getMetadataStorage();
    const typeNames = (target: Function) =>
      storage.objectTypes.filter((t) => t.target === target || t.target.prototype instanceof target).map((t) => t.name);
    const guarded = new Set([
      ...storage.fieldResolvers
        .filter((f) => f.roles?.length || f.middlewares?.length)
        .flatMap((f) => typeNames(f.getObjectType!()).map((type) => `${type}.${f.schemaName}`)),
      ...storage.fields
        .filter((f) => f.roles?.length || f.middlewares?.length)
        .flatMap((f) => typeNames(f.target).map((type) => `${type}.${f.schemaName}`)),
    ]);
    for (const name of direct) {
      const [type, field] = name.split('.');
      const definition = (schema.getType(type) as any).getFields()[field];
      expect(definition.args, `${name} takes no arguments`).toEqual([]);
      expect(guarded.has(name), `${name} has no @Authorized or middleware`).toBe(false);
    }
    // Fields with arguments keep type-graphql's wrapper, which converts and checks them.
    expect(direct).not.toContain('Project.talks');
    expect(direct).not.toContain('Query.project');
  });

  it('encode global IDs exactly as base64url of `Type:id`', () => {
    for (const type of ['Talk', 'Event', 'Speaker', 'Project', 'Community', 'AuditEntry', 'X']) {
      for (let id = 1; id < 200_000; id += 997) expect(toGlobalId(type, id)).toBe(Buffer.from(`${type}:${id}`).toString('base64url'));
    }
  });
});
