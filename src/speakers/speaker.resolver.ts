import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { badInput } from '../graphql/bad-input';
import type { Context } from '../graphql/context';
import { fromGlobalId } from '../graphql/global-id';
import { SpeakerMerge } from '../merges/speaker-merge-record';
import { Project } from '../projects/project.entity';
import { ExternalId } from '../sources/external-id';
import { SourceReference } from '../sources/source-reference';
import { SpeakerProjectRole } from './speaker-project-role';
import { SpeakerConnection, SpeakerListArgs } from './speaker.args';
import { speakerList } from './speaker.list';
import { SPEAKERS_BY_NAME } from './speaker.order';
import { Speaker } from './speaker.entity';
import { speakerIsOneOf } from './speaker-match';
import { SqlParams } from '../database/sql-params';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';

const s = tables.speaker.as('s');
const SPEAKERS = `SELECT ${selectColumns(Speaker, 's')} FROM ${s}`;

/** Root speaker queries and the fields that link a person to the rest of the graph. */
@Resolver(() => Speaker)
export class SpeakerResolver {
  @Query(() => Speaker, { nullable: true, description: 'A person by ID, or by real name or alias (花名); null when there is none.' })
  async speaker(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'The speaker ID.' }) id?: string | null,
    @Arg('name', () => String, { nullable: true, description: 'Real name or alias, case-insensitively.' }) name?: string | null,
  ): Promise<Speaker | null> {
    if ((id == null) === (name == null)) throw badInput('Pass exactly one of `id` and `name`.', id == null ? 'id' : 'name');
    if (id != null) return ctx.loaders.speakerById.load(fromGlobalId(id, 'Speaker').id);
    const params = new SqlParams();
    const condition = speakerIsOneOf('s', [name!], params);
    // A real-name match wins over an alias match.
    const rows = await ctx.sql(
      `${SPEAKERS} WHERE ${condition} ORDER BY (${s.name_key} = ${params.add(name!.trim().toLowerCase())}) DESC, ${s.id} LIMIT 1`,
      params.values,
    );
    return rows[0] ? toEntity(Speaker, rows[0]) : null;
  }

  @Query(() => SpeakerConnection, { description: 'People who took part in talks, by name unless ordered otherwise.' })
  async speakers(@Args() args: SpeakerListArgs, @Ctx() ctx: Context): Promise<InstanceType<typeof SpeakerConnection>> {
    return new SpeakerConnection(await ctx.lists.page(speakerList, args, SPEAKERS_BY_NAME));
  }

  @FieldResolver(() => [Project], { description: 'Projects the person spoke about or holds a role in, most talked about first.' })
  projects(@Root() speaker: Speaker, @Ctx() ctx: Context): Promise<Project[]> {
    return ctx.loaders.projectsBySpeaker.load(speaker.id);
  }

  @FieldResolver(() => [SpeakerProjectRole], { description: "The person's standing roles in projects." })
  projectRoles(@Root() speaker: Speaker, @Ctx() ctx: Context): Promise<SpeakerProjectRole[]> {
    return ctx.loaders.projectRolesBySpeaker.load(speaker.id);
  }

  @FieldResolver(() => [SourceReference], { description: 'Where the facts about this person were read.' })
  sources(@Root() speaker: Speaker, @Ctx() ctx: Context): Promise<SourceReference[]> {
    return ctx.loaders.sourcesByRecord.load(`Speaker:${speaker.id}`);
  }

  @FieldResolver(() => [ExternalId], { description: 'The ids the sources give this speaker, by source.' })
  externalIds(@Root() speaker: Speaker, @Ctx() ctx: Context): Promise<ExternalId[]> {
    return ctx.loaders.externalIdsByRecord.load(`Speaker:${speaker.id}`);
  }

  // The absorbed records' rows and the editors' names are editors' business.
  @Authorized(Role.EDITOR)
  @FieldResolver(() => [SpeakerMerge], {
    description:
      'Other records folded into this person, newest first, with the rule and evidence of each, undone ones included. Needs an EDITOR or ADMIN key.',
  })
  merges(@Root() speaker: Speaker, @Ctx() ctx: Context): Promise<SpeakerMerge[]> {
    return ctx.loaders.mergesBySpeaker.load(speaker.id);
  }
}
