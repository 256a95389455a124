import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from './project.entity';
import { tables } from '../database/tables';

/**
 * A former or alternative name of a project (Fescar for Seata). Hidden from the schema as a
 * table; clients see `Project.aliases`. An alias names exactly one project.
 */
@Entity(tables.project_alias.name)
export class ProjectAlias {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Index()
  @Column({ name: 'project_id', type: 'int' })
  projectId: number;

  @Column({ type: 'text' })
  alias: string;

  /** Lower-cased, whitespace-folded form that lookups compare against. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  key: string;
}
