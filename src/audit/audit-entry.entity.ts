import { fieldsRead } from '../database/entity-columns';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../graphql/global-id';
import { tables } from '../database/tables';

/** One change to one record, written in the same transaction as the change itself. */
@ObjectType({ description: 'One change to one record: who made it, when, through which mutation, and the record before and after.' })
@Entity(tables.audit_log.name)
export class AuditEntry {
  /** Database key; the order of the log. */
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'api_key_id', type: 'int', nullable: true })
  apiKeyId: number | null;

  @Field({ description: 'Name of the API key that made the change, e.g. `importer-bot`.' })
  @Column({ type: 'text' })
  actor: string;

  @Field({ description: 'The mutation that made the change, e.g. `talkUpdate`.' })
  @Column({ type: 'text' })
  operation: string;

  @Field({ description: 'Type of the changed record: `Event`, `Talk`, `Speaker`, `Project`, or a link such as `TalkSpeaker`.' })
  @Column({ name: 'record_type', type: 'text' })
  recordType: string;

  @Column({ name: 'record_id', type: 'int' })
  recordId: number;

  @Field(() => ID, {
    description: 'Global ID of the changed record (for a link, of its talk or project); it may no longer resolve after a delete or merge.',
  })
  get record(): string {
    return toGlobalId(
      this.recordType.startsWith('Talk') && this.recordType !== 'Talk'
        ? 'Talk'
        : this.recordType === 'ProjectAlias'
          ? 'Project'
          : this.recordType,
      this.recordId,
    );
  }

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record before the change; null when it was created.' })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record after the change; null when it was deleted.' })
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Field({ description: 'When the change was committed.' })
  @Column({ type: 'timestamptz' })
  at: Date;
}

// AuditEntry.record is computed from the record's type and key.
fieldsRead(AuditEntry, { record: ['recordType', 'recordId'] });
