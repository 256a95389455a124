import { fieldsRead } from '../database/entity-columns';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Community } from '../communities/community.entity';
import { Node } from '../graphql/node';
import { EventFormat } from './event-format.enum';
import { EventLink } from './event-link';
import { tables } from '../database/tables';

/** A meetup, online channel, webinar or anniversary at which talks were given. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A meetup, online channel, webinar or anniversary at which talks were given.',
})
@Entity(tables.event.name)
export class Event extends Node {
  @Field({ description: 'Stable, URL-safe key, e.g. `sofa-meetup-16`.' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Field({ description: 'Title as announced.' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Series the event belongs to, e.g. `SOFAMeetup`, `SOFAChannel`.' })
  @Index()
  @Column({ type: 'text', nullable: true })
  series: string | null;

  @Field(() => Date, { nullable: true, description: 'When it started; null when no source says.' })
  @Index()
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ended.' })
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Field({ description: 'IANA time zone the event was announced in, e.g. `Asia/Shanghai`.' })
  @Column({ name: 'time_zone', type: 'text', default: 'Asia/Shanghai' })
  timeZone: string;

  @Field(() => EventFormat, { nullable: true, description: 'How it was held.' })
  @Column({ type: 'text', nullable: true })
  format: EventFormat | null;

  @Field(() => String, { nullable: true, description: 'City it was held in; null for online events.' })
  @Index()
  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Field(() => String, { nullable: true, description: 'Venue within the city.' })
  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Field(() => String, { nullable: true, description: 'Short description.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Cover image.' })
  @Column({ name: 'cover_url', type: 'text', nullable: true })
  coverUrl: string | null;

  @Field(() => [String], { description: 'Free-form tags.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Field(() => [EventLink], { description: 'Livestream, replay, photo album and recap links.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: EventLink[];

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Community;

  @Index()
  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the last source that gave the event stopped giving it (and no talk of it was left in force); null while it is in force. Withdrawn events are left out of lists, counts, search, feeds and exports unless `filter: {withdrawn: true}` asks for them.',
  })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}

// Event.community (event.resolver.ts) loads the community by its key when the row did not embed it.
fieldsRead(Event, { community: ['communityId'] });
