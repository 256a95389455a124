import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../graphql/global-id';
import { Role } from '../graphql/role.enum';
import { tables } from '../database/tables';

/**
 * An API key. The secret itself is never stored: only its SHA-256, compared in constant time, and
 * that hash has no GraphQL field. Not a `Node`: `node(id:)` is open to anonymous readers.
 */
@ObjectType({
  simpleResolvers: true,
  description: 'An API key, without its secret (shown only once, by `apiKeyCreate`). Visible to ADMIN keys only.',
})
@Entity(tables.api_key.name)
export class ApiKey {
  /** Database key; clients see the global `id`. */
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { name: 'id', simple: false, description: 'Opaque identifier, for `apiKeyRevoke`.' })
  get globalId(): string {
    return toGlobalId('ApiKey', this.id);
  }

  /** Who or what holds the key, e.g. `importer-bot`; written into the audit log. */
  @Field({ description: 'Who or what holds the key, e.g. `importer-bot`; the audit log names changes by it.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => Role, { description: 'What the key may do.' })
  @Column({ type: 'text' })
  role: Role;

  /** Public part of the token that finds the row without revealing anything about the secret. */
  @Field({
    description: 'The public part of the key (the 16 hex digits after `eg_`), which tells keys apart without revealing the secret.',
  })
  @Column({ type: 'text', unique: true })
  lookup: string;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash: Buffer;

  @Field({ description: 'When the key was made.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while it works.' })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
