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
import { SpeakerCreateInput, SpeakerMergeInput, SpeakerUpdateInput } from './speaker.inputs';

/** The result of creating, updating or merging a speaker. */
export const SpeakerPayload = payloadType(Speaker, 'speaker', 'SpeakerPayload');
/** The result of deleting a speaker. */
export const SpeakerDeletePayload = deletePayloadType('deletedSpeakerId', 'SpeakerDeletePayload', 'speaker');

const { speaker, talk_speaker, speaker_project, record_source } = tables;
const s = speaker.as('s');

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
    description: 'Makes two records of one person one: every talk credit, project role and source of the duplicate moves to the kept record, which also takes the fields it lacks; the duplicate is deleted.',
  })
  speakerMerge(@Arg('input', () => SpeakerMergeInput, { description: 'The record to keep and the duplicate.' }) input: SpeakerMergeInput, @Ctx() ctx: Context) {
    return runMutation(ctx, 'speakerMerge', input, async (tx) => {
      const keep = idOf(input.speaker, 'Speaker', ['input', 'speaker']);
      const duplicate = idOf(input.duplicate, 'Speaker', ['input', 'duplicate']);
      if (keep === duplicate) throw new UserInputProblem([userError(['input', 'duplicate'], 'A speaker cannot be merged into itself.')]);
      // Both rows locked in id order, so two merges of the same pair cannot deadlock.
      await tx.sql(`SELECT 1 FROM ${speaker.name} WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [[keep, duplicate]]);
      const before = found(await tx.snapshot('Speaker', keep), 'speaker', ['input', 'speaker']);
      const gone = found(await tx.snapshot('Speaker', duplicate), 'speaker', ['input', 'duplicate']);
      // Where both are credited on one talk, the kept record's credit stands.
      await tx.sql(
        `INSERT INTO ${talk_speaker.name} (${talk_speaker.list('talk_id', 'speaker_id', 'role', 'position')}) SELECT ${talk_speaker.col.talk_id}, $1, ${talk_speaker.list('role', 'position')} FROM ${talk_speaker.name} WHERE ${talk_speaker.col.speaker_id} = $2
         ON CONFLICT (${talk_speaker.list('talk_id', 'speaker_id')}) DO NOTHING`,
        [keep, duplicate],
      );
      await tx.sql(
        `INSERT INTO ${speaker_project.name} (${speaker_project.list('speaker_id', 'project_id', 'role')}) SELECT $1, ${speaker_project.list('project_id', 'role')} FROM ${speaker_project.name} WHERE ${speaker_project.col.speaker_id} = $2
         ON CONFLICT (${speaker_project.list('speaker_id', 'project_id')}) DO UPDATE SET role = coalesce(${speaker_project.name}.role, EXCLUDED.role)`,
        [keep, duplicate],
      );
      await tx.sql(
        `INSERT INTO ${record_source.name} (${record_source.list('source_id', 'record_type', 'record_id', 'locator')}) SELECT ${record_source.list('source_id', 'record_type')}, $1, ${record_source.col.locator} FROM ${record_source.name}
         WHERE ${record_source.col.record_type} = 'Speaker' AND ${record_source.col.record_id} = $2 ON CONFLICT (${record_source.list('source_id', 'record_type', 'record_id')}) DO NOTHING`,
        [keep, duplicate],
      );
      await tx.sql(`DELETE FROM ${record_source.name} WHERE ${record_source.col.record_type} = 'Speaker' AND ${record_source.col.record_id} = $1`, [duplicate]);
      await tx.sql(`DELETE FROM ${speaker.name} WHERE id = $1`, [duplicate]);
      // The duplicate's name is how pages knew the person; keep it as the alias when there is none.
      await tx.sql(
        `UPDATE ${s} SET alias = coalesce(${s.alias}, d.alias, CASE WHEN d.name <> ${s.name} THEN d.name END),
           affiliation = coalesce(${s.affiliation}, d.affiliation), title = coalesce(${s.title}, d.title), bio = coalesce(${s.bio}, d.bio), updated_at = now()
         FROM jsonb_to_record($2::jsonb) AS d(name text, alias text, affiliation text, title text, bio text) WHERE ${s.id} = $1`,
        [keep, JSON.stringify(gone)],
      );
      await tx.audit('Speaker', duplicate, gone, null);
      await tx.audit('Speaker', keep, before, await tx.snapshot('Speaker', keep));
      return (await loadRow(tx.sql, Speaker, speaker, keep))!;
    });
  }
}
