import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node } from '../graphql/node';
import { tables } from '../database/tables';

/** A person who spoke, moderated or hosted at an event. */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A person who spoke, moderated or hosted at an event.' })
@Entity(tables.speaker.name)
export class Speaker extends Node {
  @Field({ description: 'Real name, or the alias when no real name is known.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Alias the person goes by, such as a 花名 (亦夏).' })
  @Index()
  @Column({ type: 'text', nullable: true })
  alias: string | null;

  /** Normalized name: the person's natural key. */
  @Index({ unique: true })
  @Column({ name: 'name_key', type: 'text' })
  nameKey: string;

  @Field(() => String, { nullable: true, description: 'Company or organization.' })
  @Column({ type: 'text', nullable: true })
  affiliation: string | null;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Short biography.' })
  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When no talk in force credited the person any more, every talk that did having been withdrawn or no source giving them any more; null while they are in force. Withdrawn people are left out of lists, counts and search unless `filter: {withdrawn: true}` asks for them; their project roles are set aside meanwhile.',
  })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
