import { getMetadataArgsStorage } from 'typeorm';

interface JsonShape {
  /** `json_build_object('id', x."id", …)` without the alias filled in. */
  build: (alias: string) => string;
  /** Properties that arrive as ISO text and become `Date`s. */
  dates: string[];
}

const shapes = new Map<abstract new () => object, JsonShape>();

function shapeOf(entity: abstract new () => object): JsonShape {
  let shape = shapes.get(entity);
  if (!shape) {
    const lineage = new Set<unknown>();
    for (let target: unknown = entity; target && target !== Function.prototype; target = Object.getPrototypeOf(target)) lineage.add(target);
    const columns = getMetadataArgsStorage().columns.filter((column) => lineage.has(column.target));
    const pairs = (alias: string) => columns.map((c) => `'${c.propertyName}', ${alias}."${c.options.name ?? c.propertyName}"`).join(', ');
    shape = {
      build: (alias) => `json_build_object(${pairs(alias)})`,
      dates: columns.filter((c) => c.options.type === 'timestamptz').map((c) => c.propertyName),
    };
    shapes.set(entity, shape);
  }
  return shape;
}

/**
 * An entity's columns as one JSON object under a table alias, keyed by property, read from the
 * TypeORM decorators like `selectColumns`. Related rows embedded this way arrive in the parent's
 * statement and are parsed by one native `JSON.parse` instead of a round trip of their own.
 */
export function jsonColumns(entity: abstract new () => object, alias: string): string {
  return shapeOf(entity).build(alias);
}

/**
 * Makes an entity instance of an object built by `jsonColumns`, in place, turning its timestamps
 * back into dates. Entities carry no constructor logic, so giving the parsed object the entity's
 * prototype is enough, and cheaper than copying it into a new instance.
 */
export function fromJson<T extends object>(entity: new () => T, value: Record<string, unknown>): T {
  for (const property of shapeOf(entity).dates) {
    const text = value[property];
    if (typeof text === 'string') value[property] = new Date(text);
  }
  return Object.setPrototypeOf(value, entity.prototype) as T;
}
