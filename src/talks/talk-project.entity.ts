import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Project } from '../projects/project.entity';
import { Talk } from './talk.entity';
import { tables } from '../database/tables';

/** That a talk covered a project. Hidden join table: clients see `Talk.projects`, `Project.talks`. */
@Entity(tables.talk_project.name)
export class TalkProject {
  @PrimaryColumn({ name: 'talk_id', type: 'int' })
  talkId: number;

  @Index()
  @PrimaryColumn({ name: 'project_id', type: 'int' })
  projectId: number;

  @ManyToOne(() => Talk, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'talk_id' })
  talk?: Talk;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;
}
