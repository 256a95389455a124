import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Project } from '../projects/project.entity';
import { SpeakerConnection, SpeakerListArgs } from './speaker.args';
import { speakerList } from './speaker.list';
import { SPEAKERS_BY_NAME } from './speaker.order';

/** A project's people, here with the speakers so that projects/ imports nothing from speakers/. */
@Resolver(() => Project)
export class ProjectSpeakersResolver {
  @FieldResolver(() => SpeakerConnection, { description: 'People who spoke about the project or hold a role in it.' })
  async speakers(
    @Root() project: Project,
    @Args() args: SpeakerListArgs,
    @Ctx() ctx: Context,
  ): Promise<InstanceType<typeof SpeakerConnection>> {
    return new SpeakerConnection(await ctx.lists.page(speakerList, args, SPEAKERS_BY_NAME, { relation: 'project', id: project.id }));
  }
}
