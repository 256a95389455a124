import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node } from '../graphql/node';
import { tables } from '../database/tables';

/** A community that holds events and runs projects, e.g. SOFAStack. */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A community that holds events and runs projects.' })
@Entity(tables.community.name)
export class Community extends Node {
  @Field({ description: 'Stable, URL-safe key, e.g. `sofastack`.' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Field({ description: 'Display name.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Home page.' })
  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Field({
    description:
      'IANA time zone the community announces its events in, e.g. `Asia/Shanghai`: pages and schedules that state no zone are read in it.',
  })
  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone: string;
}
