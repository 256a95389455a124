import { getMetadataArgsStorage } from 'typeorm';

const cache = new Map<string, string>();

/**
 * The select list of an entity's columns under a table alias, each named by its property
 * (`t."starts_at" AS "startsAt"`), read from the TypeORM decorators so SQL and entity agree.
 * With `fields` (the GraphQL fields a query selects), only those columns, plus the key and the
 * foreign keys that every field resolver of the entity reads.
 */
export function selectColumns(entity: abstract new () => object, alias: string, fields?: readonly string[]): string {
  const cacheKey = `${entity.name}:${alias}:${fields?.join(',') ?? '*'}`;
  let select = cache.get(cacheKey);
  if (!select) {
    select = entityColumns(entity, fields)
      .map((column) => `${alias}."${column.options.name ?? column.propertyName}" AS "${column.propertyName}"`)
      .join(', ');
    cache.set(cacheKey, select);
  }
  return select;
}

/** The TypeORM column metadata of an entity and its base classes; with `fields`, those, the key and the foreign keys. */
export function entityColumns(entity: abstract new () => object, fields?: readonly string[]) {
  const lineage = new Set<unknown>();
  for (let target: unknown = entity; target && target !== Function.prototype; target = Object.getPrototypeOf(target)) lineage.add(target);
  const wanted = fields && new Set(fields);
  return getMetadataArgsStorage().columns.filter(
    (c) => lineage.has(c.target) && (!wanted || wanted.has(c.propertyName) || c.propertyName === 'id' || c.propertyName.endsWith('Id')),
  );
}

/**
 * Makes an entity instance of a row selected with `selectColumns`, in place, without TypeORM's
 * hydration: entities carry no constructor logic, so the row only needs the entity's prototype.
 */
export function toEntity<T extends object>(entity: new () => T, row: object): T {
  return Object.setPrototypeOf(row, entity.prototype) as T;
}
