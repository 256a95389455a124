import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Project } from '../projects/project.entity';
import { Speaker } from './speaker.entity';
import { tables } from '../database/tables';

/** A person's standing role in a project ("Apache Seata(incubating) PPMC"). */
@Entity(tables.speaker_project.name)
export class SpeakerProject {
  @PrimaryColumn({ name: 'speaker_id', type: 'int' })
  speakerId: number;

  @Index()
  @PrimaryColumn({ name: 'project_id', type: 'int' })
  projectId: number;

  @ManyToOne(() => Speaker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Column({ type: 'text', nullable: true })
  role: string | null;
}
