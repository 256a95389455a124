import { describe, expect, it } from 'vitest';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PGlite } from '@electric-sql/pglite';
import { entityColumns, fieldsRead, selectColumns, toEntity } from '../../src/database/entity-columns';
import { AuditEntry } from '../../src/audit/audit-entry.entity';

@ObjectType()
@Entity({ name: 'shelf' })
class Shelf {
  @PrimaryGeneratedColumn()
  id: number;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'width_cm', type: 'int' })
  widthCm: number;

  /** A computed field that reads a column no query selects by name. */
  get label(): string {
    return `${this.name} (${this.widthCm} cm)`;
  }
}
fieldsRead(Shelf, { label: ['name', 'widthCm'] });

describe('entityColumns', () => {
  it('keeps the key and the selected columns only', () => {
    expect(
      entityColumns(Shelf, ['name'])
        .map((c) => c.propertyName)
        .sort(),
    ).toEqual(['id', 'name']);
  });

  it('adds the columns a selected computed field declares it reads', () => {
    expect(
      entityColumns(Shelf, ['label'])
        .map((c) => c.propertyName)
        .sort(),
    ).toEqual(['id', 'name', 'widthCm']);
    expect(
      entityColumns(AuditEntry, ['record'])
        .map((c) => c.propertyName)
        .sort(),
    ).toEqual(['id', 'recordId', 'recordType']);
  });

  it('no longer keeps a column for ending in Id when nothing selected reads it', () => {
    expect(
      entityColumns(AuditEntry, ['operation'])
        .map((c) => c.propertyName)
        .sort(),
    ).toEqual(['id', 'operation']);
  });

  it('keeps every column without a selection', () => {
    expect(
      entityColumns(Shelf)
        .map((c) => c.propertyName)
        .sort(),
    ).toEqual(['id', 'name', 'widthCm']);
  });
});

describe('selectColumns on a list page', () => {
  it('gives a computed field the unselected column it reads', async () => {
    const db = new PGlite();
    await db.exec(`CREATE TABLE shelf (id serial PRIMARY KEY, name text NOT NULL, width_cm int NOT NULL);
                   INSERT INTO shelf (name, width_cm) VALUES ('oak', 80), ('pine', 120);`);
    const { rows } = await db.query<object>(`SELECT ${selectColumns(Shelf, 's', ['label'])} FROM shelf s ORDER BY s.id`);
    expect(rows.map((row) => toEntity(Shelf, row).label)).toEqual(['oak (80 cm)', 'pine (120 cm)']);
    await db.close();
  }, 60_000);
});
