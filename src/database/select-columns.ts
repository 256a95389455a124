import { getMetadataArgsStorage } from 'typeorm';

const cache = new Map<string, string>();

/**
 * The select list of an entity's columns under a table alias, each named by its property
 * (`t."starts_at" AS "startsAt"`), read from the TypeORM decorators so SQL and entity agree.
 */
export function selectColumns(entity: abstract new () => object, alias: string): string {
  const cacheKey = `${entity.name}:${alias}`;
  let select = cache.get(cacheKey);
  if (!select) {
    const lineage = new Set<unknown>();
    for (let target: unknown = entity; target && target !== Function.prototype; target = Object.getPrototypeOf(target)) {
      lineage.add(target);
    }
    select = getMetadataArgsStorage()
      .columns.filter((column) => lineage.has(column.target))
      .map((column) => `${alias}."${column.options.name ?? column.propertyName}" AS "${column.propertyName}"`)
      .join(', ');
    cache.set(cacheKey, select);
  }
  return select;
}

/**
 * Makes an entity instance of a row selected with `selectColumns`, in place, without TypeORM's
 * hydration: entities carry no constructor logic, so the row only needs the entity's prototype.
 */
export function toEntity<T extends object>(entity: new () => T, row: object): T {
  return Object.setPrototypeOf(row, entity.prototype) as T;
}
