import { entityColumns } from '../database/entity-columns';

interface JsonShape {
  /** `json_build_object('id', x."id", …)` without the alias filled in. */
  build: (alias: string) => string;
  /** Properties that arrive as ISO text and become `Date`s. */
  dates: string[];
}

const shapes = new Map<string, JsonShape>();
/** Each entity's timestamp properties, by class: `fromJson` runs for every embedded row. */
const datesOf = new WeakMap<abstract new () => object, string[]>();

/**
 * An entity's columns as one JSON object under a table alias, keyed by property, read from the
 * TypeORM decorators like `selectColumns`. Related rows embedded this way arrive in the parent's
 * statement and are parsed by one native `JSON.parse` instead of a round trip of their own.
 *
 * With `fields` (the GraphQL fields a query selects), only those columns (see `entityColumns`):
 * such a partial entity serves that selection and nothing else, so it is never put in a shared loader.
 */
export function jsonColumns(entity: abstract new () => object, alias: string, fields?: readonly string[]): string {
  return shapeOf(entity, fields).build(alias);
}

/**
 * Makes an entity instance of an object built by `jsonColumns`, in place, turning its timestamps
 * back into dates. Entities carry no constructor logic, so giving the parsed object the entity's
 * prototype is enough, and cheaper than copying it into a new instance.
 */
export function fromJson<T extends object>(entity: new () => T, value: Record<string, unknown>): T {
  let dates = datesOf.get(entity);
  if (!dates) datesOf.set(entity, (dates = shapeOf(entity).dates));
  for (const property of dates) {
    const text = value[property];
    if (typeof text === 'string') value[property] = new Date(text);
  }
  return Object.setPrototypeOf(value, entity.prototype) as T;
}

function shapeOf(entity: abstract new () => object, fields?: readonly string[]): JsonShape {
  const key = `${entity.name}:${fields?.join(',') ?? '*'}`;
  let shape = shapes.get(key);
  if (!shape) {
    const columns = entityColumns(entity, fields);
    const pairs = (alias: string) => columns.map((c) => `'${c.propertyName}', ${alias}."${c.options.name ?? c.propertyName}"`).join(', ');
    shape = {
      build: (alias) => `json_build_object(${pairs(alias)})`,
      dates: columns.filter((c) => c.options.type === 'timestamptz').map((c) => c.propertyName),
    };
    shapes.set(key, shape);
  }
  return shape;
}
