import { fieldsRead } from '../database/entity-columns';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Event } from '../events/event.entity';
import { Node } from '../graphql/node';
import { TalkKind } from './talk-kind.enum';
import { tables } from '../database/tables';

/** A talk, keynote, panel or workshop given at an event. */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'A talk, keynote, panel or workshop given at an event.' })
@Entity(tables.talk.name)
@Index(['eventId', 'titleKey'], { unique: true })
export class Talk extends Node {
  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ name: 'event_id', type: 'int' })
  eventId: number;

  @Field({ description: 'Title as given on the agenda.' })
  @Column({ type: 'text' })
  title: string;

  /** Normalized title: with the event, the talk's natural key. */
  @Column({ name: 'title_key', type: 'text' })
  titleKey: string;

  @Field(() => String, { nullable: true, description: 'What the talk is about.' })
  @Column({ type: 'text', nullable: true })
  abstract: string | null;

  @Field(() => TalkKind, { description: 'Talk, keynote, panel, workshop or lightning talk.' })
  @Column({ type: 'text', default: TalkKind.TALK })
  kind: TalkKind;

  @Field(() => Date, { nullable: true, description: 'Start of its time slot, when the agenda gives one.' })
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of its time slot.' })
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Slides (PDF or deck).' })
  @Column({ name: 'slides_url', type: 'text', nullable: true })
  slidesUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Recording.' })
  @Column({ name: 'video_url', type: 'text', nullable: true })
  videoUrl: string | null;

  @Field(() => Int, { description: 'Place in the event agenda, from 1.' })
  @Column({ type: 'int', default: 0 })
  position: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the source that gave the talk stopped listing it; null while it is in force. Withdrawn talks are left out of lists and counts unless `filter: {withdrawn: true}` asks for them.',
  })
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}

// Talk.event (talk.resolver.ts) loads the event by its key when the page did not embed it.
fieldsRead(Talk, { event: ['eventId'] });
