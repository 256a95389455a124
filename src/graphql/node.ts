import { Field, ID, InterfaceType } from 'type-graphql';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { toGlobalId } from './global-id';

/**
 * An object with a stable, opaque global ID: the base of every entity in the graph.
 * Database keys stay on the server; clients only ever see the encoded `id`.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque ID that `node(id:)` resolves.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  /** Database key; never exposed to clients. */
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: 'id', simple: false, description: 'Globally unique, opaque identifier.' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }

  @Field({ description: 'When the record was first stored.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'When the record last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
