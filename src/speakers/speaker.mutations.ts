import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import type { SqlRunner } from '../database/database';
import { personKey } from '../database/name-key';
import { loadRow } from '../database/write-row';
import type { Context } from '../graphql/context';
import { createRecord, deleteRecord, type RecordSpec, updateRecord } from '../mutations/record-mutations';
import { tables } from '../database/tables';
import { deletePayloadType, payloadType } from '../graphql/user-error';
import { Speaker } from './speaker.entity';
import { SpeakerCreateInput, SpeakerMergeInput, SpeakerUnmergeInput, SpeakerUpdateInput } from './speaker.inputs';
import { speakerMerges } from '../merges/speaker-merge';
import { mergeMutation, unmergeMutation } from '../merges/merge-mutation';

/** The result of creating, updating or merging a speaker. */
export const SpeakerPayload = payloadType(Speaker, 'speaker', 'SpeakerPayload');
/** The result of undoing a merge: the speaker restored. */
export const SpeakerUnmergePayload = payloadType(Speaker, 'speaker', 'SpeakerUnmergePayload');
/** The result of deleting a speaker. */
export const SpeakerDeletePayload = deletePayloadType('deletedSpeakerId', 'SpeakerDeletePayload', 'speaker');

const { speaker } = tables;
const loadSpeaker = (sql: SqlRunner, id: number) => loadRow(sql, Speaker, speaker, id);

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
    const request = { keep: { id: input.speaker, field: 'speaker' }, duplicate: input.duplicate };
    return mergeMutation(ctx, 'speakerMerge', speakerMerges, input, request, loadSpeaker);
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
    return unmergeMutation(ctx, 'speakerUnmerge', speakerMerges, input, loadSpeaker);
  }
}
