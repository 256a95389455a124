import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/role.enum';
import { personKey } from '../database/name-key';
import { loadRow } from '../database/write-row';
import type { Context } from '../graphql/context';
import { found, idOf, runMutation } from '../graphql/mutation';
import { createRecord, deleteRecord, type RecordSpec, updateRecord } from '../graphql/record-mutations';
import { tables } from '../database/tables';
import { deletePayloadType, payloadType, UserInputProblem, userError } from '../graphql/user-error';
import { Speaker } from './speaker.entity';
import { SpeakerCreateInput, SpeakerMergeInput, SpeakerUnmergeInput, SpeakerUpdateInput } from './speaker.inputs';
import { MergeRule } from '../merges/merge-rule.enum';
import { mergeSpeakers, unmergeSpeaker } from '../merges/speaker-merge';

/** The result of creating, updating or merging a speaker. */
export const SpeakerPayload = payloadType(Speaker, 'speaker', 'SpeakerPayload');
/** The result of undoing a merge: the speaker restored. */
export const SpeakerUnmergePayload = payloadType(Speaker, 'speaker', 'SpeakerUnmergePayload');
/** The result of deleting a speaker. */
export const SpeakerDeletePayload = deletePayloadType('deletedSpeakerId', 'SpeakerDeletePayload', 'speaker');

const { speaker } = tables;

/** How speakers are written: the name key follows the name. */
export const speakerRecord: RecordSpec<Speaker, 'speaker'> = {
  type: 'Speaker',
  entity: Speaker,
  table: speaker,
  columns: { name: 'name', alias: 'alias', affiliation: 'affiliation', title: 'title', bio: 'bio' },
  async derive(_tx, input: SpeakerUpdateInput) {
    return input.name != null ? { name_key: personKey(input.name) } : {};
  },
};

/** Creating, changing, deleting and merging speakers. Needs an EDITOR key. */
@Resolver()
export class SpeakerMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => SpeakerPayload, { description: 'Creates a speaker.' })
  speakerCreate(@Arg('input', () => SpeakerCreateInput, { description: 'The speaker.' }) input: SpeakerCreateInput, @Ctx() ctx: Context) {
    return createRecord(ctx, speakerRecord, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SpeakerPayload, { description: 'Changes the given fields of a speaker.' })
  speakerUpdate(
    @Arg('id', () => ID, { description: 'ID of the speaker.' }) id: string,
    @Arg('input', () => SpeakerUpdateInput, { description: 'The changes.' }) input: SpeakerUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateRecord(ctx, speakerRecord, id, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SpeakerDeletePayload, { description: 'Deletes a speaker and their credits; the talks stay.' })
  speakerDelete(@Arg('id', () => ID, { description: 'ID of the speaker.' }) id: string, @Ctx() ctx: Context) {
    return deleteRecord(ctx, speakerRecord, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SpeakerPayload, {
    description:
      'Makes two records of one person one: every talk credit, project role, source and external id of the duplicate moves to the kept record, which also takes the fields it lacks; the duplicate is deleted, and the merge is recorded in `Speaker.merges`, from where `speakerUnmerge` undoes it.',
  })
  speakerMerge(
    @Arg('input', () => SpeakerMergeInput, { description: 'The record to keep and the duplicate.' }) input: SpeakerMergeInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'speakerMerge', input, async (tx) => {
      const keep = idOf(input.speaker, 'Speaker', ['input', 'speaker']);
      const duplicate = idOf(input.duplicate, 'Speaker', ['input', 'duplicate']);
      if (keep === duplicate) throw new UserInputProblem([userError(['input', 'duplicate'], 'A speaker cannot be merged into itself.')]);
      found(await tx.snapshot('Speaker', keep), 'speaker', ['input', 'speaker']);
      found(await tx.snapshot('Speaker', duplicate), 'speaker', ['input', 'duplicate']);
      const done = await mergeSpeakers(tx.sql, keep, duplicate, {
        rule: MergeRule.EDITOR,
        evidence: { kept: input.speaker, duplicate: input.duplicate },
        actor: ctx.viewer!.name,
      });
      await tx.audit('Speaker', duplicate, done.absorbed, null);
      await tx.audit('Speaker', keep, done.keptBefore, done.keptAfter);
      return (await loadRow(tx.sql, Speaker, speaker, keep))!;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => SpeakerUnmergePayload, {
    description:
      'Undoes a merge (`Speaker.merges`): the absorbed record comes back with its credits, project roles, sources and external ids, and the kept record loses what it took from it (fields edited since stay). Imports never merge the two again.',
  })
  speakerUnmerge(
    @Arg('input', () => SpeakerUnmergeInput, { description: 'The merge to undo.' }) input: SpeakerUnmergeInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'speakerUnmerge', input, async (tx) => {
      const mergeId = idOf(input.merge, 'SpeakerMerge', ['input', 'merge']);
      const done = await unmergeSpeaker(tx.sql, mergeId, ctx.viewer!.name);
      await tx.audit('Speaker', done.restoredId, null, done.restored);
      await tx.audit('Speaker', done.keptId, done.keptBefore, done.keptAfter);
      return (await loadRow(tx.sql, Speaker, speaker, done.restoredId))!;
    });
  }
}
