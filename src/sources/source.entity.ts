import { fieldsRead } from '../database/entity-columns';
import { Authorized, Field, ObjectType } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { Column, Entity } from 'typeorm';
import { Node } from '../graphql/node';
import { SourceKind } from './source-kind.enum';
import { SourceStatus } from './source-status.enum';
import { tables } from '../database/tables';

/** A registered source: where `npm run sync` reads a community's events, talks and speakers, and how. */
@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'A registered source: a file, a folder or a git checkout that `npm run sync` reads and keeps the graph in step with.',
})
@Entity(tables.registered_source.name)
export class Source extends Node {
  @Field(() => SourceKind, { description: 'How its documents are read.' })
  @Column({ type: 'text' })
  kind: SourceKind;

  // A path tells the server's file layout, and a failure's message may quote it: editors only.
  @Authorized(Role.EDITOR)
  @Field({
    simple: false,
    description:
      'Where it is: an absolute path on the server (a file, a folder or a git checkout), or an http(s) URL. Needs an EDITOR or ADMIN key.',
  })
  @Column({ type: 'text' })
  location: string;

  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @Field({ description: 'IANA time zone of the times its documents give without an offset, e.g. `Europe/Brussels`.' })
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Field({ description: 'The licence its data is published under, e.g. `CC-BY-4.0`.' })
  @Column({ type: 'text' })
  licence: string;

  @Field(() => SourceStatus, { description: 'How the last sync went.' })
  @Column({ type: 'text', default: SourceStatus.NEVER_SYNCED })
  status: SourceStatus;

  @Field(() => Date, { nullable: true, description: 'When it was last synced; null before the first sync.' })
  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  @Authorized(Role.EDITOR)
  @Field(() => String, {
    nullable: true,
    simple: false,
    description: 'Why the last sync failed; null when it did not. Needs an EDITOR or ADMIN key.',
  })
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

// Source.community (source.resolver.ts) loads the community by its key.
fieldsRead(Source, { community: ['communityId'] });
