import { getMetadataArgsStorage } from 'typeorm';

const cache = new Map<string, string>();

/**
 * The select list of an entity's columns under a table alias, each named by its property
 * (`t."starts_at" AS "startsAt"`), read from the TypeORM decorators so SQL and entity agree.
 * With `fields` (the GraphQL fields a query selects), only the columns `entityColumns` keeps.
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

/** Per entity class: the properties each computed GraphQL field reads from its parent row. */
const reads = new WeakMap<abstract new () => object, Record<string, readonly string[]>>();

/**
 * Declares which columns an entity's computed fields (field resolvers) read from its row, so a
 * list page that selects only the columns a query asks for still selects those: `Talk.event`
 * reads `eventId`. An undeclared computed field would get `undefined` on list pages only, where
 * rows are partial. Declarations add up, so a relation resolved in another folder adds its own.
 */
export function fieldsRead(entity: abstract new () => object, fields: Record<string, readonly string[]>): void {
  reads.set(entity, { ...reads.get(entity), ...fields });
}

/**
 * The TypeORM column metadata of an entity and its base classes; with `fields`, the key, the
 * selected columns and the columns the selected computed fields read (declared with `fieldsRead`).
 */
export function entityColumns(entity: abstract new () => object, fields?: readonly string[]) {
  const lineage = new Set<unknown>();
  for (let target: unknown = entity; target && target !== Function.prototype; target = Object.getPrototypeOf(target)) lineage.add(target);
  const columns = getMetadataArgsStorage().columns.filter((c) => lineage.has(c.target));
  if (!fields) return columns;
  const declared = reads.get(entity) ?? {};
  const wanted = new Set(['id', ...fields, ...fields.flatMap((field) => declared[field] ?? [])]);
  return columns.filter((c) => wanted.has(c.propertyName));
}

/**
 * Makes an entity instance of a row selected with `selectColumns`, in place, without TypeORM's
 * hydration: entities carry no constructor logic, so the row only needs the entity's prototype.
 */
export function toEntity<T extends object>(entity: new () => T, row: object): T {
  return Object.setPrototypeOf(row, entity.prototype) as T;
}
