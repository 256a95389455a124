import { fieldsRead } from '../database/entity-columns';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Community } from '../communities/community.entity';
import { Node } from '../graphql/node';
import { tables } from '../database/tables';

/** An open-source project that talks cover, e.g. Seata. */
@ObjectType({ simpleResolvers: true, implements: Node, description: 'An open-source project that talks cover.' })
@Entity(tables.project.name)
export class Project extends Node {
  @Field({ description: 'Stable, URL-safe key, e.g. `seata`.' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Field({ description: 'Canonical name, e.g. `Koupleless`.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'What the project is.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'Source repository.' })
  @Column({ name: 'repository_url', type: 'text', nullable: true })
  repositoryUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Home page.' })
  @Column({ name: 'homepage_url', type: 'text', nullable: true })
  homepageUrl: string | null;

  @ManyToOne(() => Community, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'community_id' })
  community?: Community | null;

  @Column({ name: 'community_id', type: 'int', nullable: true })
  communityId: number | null;
}

// Project.community (project.resolver.ts) loads the community by its key.
fieldsRead(Project, { community: ['communityId'] });
