import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Speaker } from '../speakers/speaker.entity';
import { TalkRole } from './talk-role.enum';
import { Talk } from './talk.entity';
import { tables } from '../database/tables';

/** Who took part in a talk, and how. Clients see it as `Talk.credits`. */
@Entity(tables.talk_speaker.name)
export class TalkSpeaker {
  @PrimaryColumn({ name: 'talk_id', type: 'int' })
  talkId: number;

  @Index()
  @PrimaryColumn({ name: 'speaker_id', type: 'int' })
  speakerId: number;

  @ManyToOne(() => Talk, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'talk_id' })
  talk?: Talk;

  @ManyToOne(() => Speaker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker;

  @Column({ type: 'text', default: TalkRole.SPEAKER })
  role: TalkRole;

  @Column({ type: 'int', default: 0 })
  position: number;
}
