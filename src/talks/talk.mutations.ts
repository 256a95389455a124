import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { loadRow } from '../database/write-row';
import { titleKey } from '../database/name-key';
import type { Context } from '../graphql/context';
import { found, idOf, runMutation, type Tx } from '../mutations/mutation';
import { createRecord, deleteRecord, type RecordSpec, updateRecord } from '../mutations/record-mutations';
import { tables } from '../database/tables';
import type { RowValues } from '../database/upsert-row';
import { deletePayloadType, payloadType } from '../graphql/user-error';
import { Talk } from './talk.entity';
import { TalkCreateInput, TalkProjectLinkInput, TalkSpeakerLinkInput, TalkSpeakerUnlinkInput, TalkUpdateInput } from './talk.inputs';

/** The result of creating, updating or relinking a talk. */
export const TalkPayload = payloadType(Talk, 'talk', 'TalkPayload');
/** The result of deleting a talk. */
export const TalkDeletePayload = deletePayloadType('deletedTalkId', 'TalkDeletePayload', 'talk');

/** How talks are written: the title key follows the title, a new talk goes after the last one. */
export const talkRecord: RecordSpec<Talk, 'talk'> = {
  type: 'Talk',
  entity: Talk,
  table: tables.talk,
  columns: {
    title: 'title',
    abstract: 'abstract',
    kind: 'kind',
    startsAt: { column: 'starts_at', cast: 'timestamptz' },
    endsAt: { column: 'ends_at', cast: 'timestamptz' },
    slidesUrl: 'slides_url',
    videoUrl: 'video_url',
    position: 'position',
  },
  async derive(tx, input: Partial<TalkCreateInput>, id) {
    const derived: RowValues<'talk'> = {};
    if (input.title != null) derived.title_key = titleKey(input.title);
    if (id === null) {
      const eventId = idOf(input.event!, 'Event', ['input', 'event']);
      // Locking the event serializes talk creation per event, so positions do not collide.
      const [event] = await tx.sql<{ next: number }>(
        `SELECT coalesce((SELECT max(${talk.col.position}) FROM ${talk.name} WHERE ${talk.col.event_id} = ${e.id}), 0) + 1 AS next FROM ${e} WHERE ${e.id} = $1 FOR UPDATE`,
        [eventId],
      );
      found(event, 'event', ['input', 'event']);
      derived.event_id = eventId;
      derived.position = input.position ?? event.next;
      derived.kind = input.kind ?? 'TALK';
    }
    return derived;
  },
};

const { talk, talk_speaker, talk_project } = tables;
const e = tables.event.as('e');
const ts = talk_speaker.as('ts');
const tp = talk_project.as('tp');
/** The tables a talk links to, by the type of record. */
const linked = { Speaker: tables.speaker, Project: tables.project };

/** The talk and the other record of a link, both locked and known to exist. */
async function linkEnds(
  tx: Tx,
  talkRef: string,
  otherRef: string,
  other: 'Speaker' | 'Project',
): Promise<{ talkId: number; otherId: number }> {
  const field = other.toLowerCase();
  const talkId = idOf(talkRef, 'Talk', ['input', 'talk']);
  const otherId = idOf(otherRef, other, ['input', field]);
  found((await tx.sql(`SELECT 1 FROM ${talk.name} WHERE id = $1 FOR UPDATE`, [talkId]))[0], 'talk', ['input', 'talk']);
  found((await tx.sql(`SELECT 1 FROM ${linked[other].name} WHERE id = $1 FOR SHARE`, [otherId]))[0], field, ['input', field]);
  return { talkId, otherId };
}

async function changedTalk(tx: Tx, talkId: number): Promise<Talk> {
  await tx.sql(`UPDATE ${talk.name} SET ${talk.col.updated_at} = now() WHERE id = $1`, [talkId]);
  return (await loadRow(tx.sql, Talk, talk, talkId))!;
}

/** Creating, changing, deleting talks, and crediting speakers and projects on them. Needs an EDITOR key. */
@Resolver()
export class TalkMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => TalkPayload, { description: 'Adds a talk to an event.' })
  talkCreate(@Arg('input', () => TalkCreateInput, { description: 'The talk.' }) input: TalkCreateInput, @Ctx() ctx: Context) {
    return createRecord(ctx, talkRecord, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TalkPayload, { description: 'Changes the given fields of a talk.' })
  talkUpdate(
    @Arg('id', () => ID, { description: 'ID of the talk.' }) id: string,
    @Arg('input', () => TalkUpdateInput, { description: 'The changes.' }) input: TalkUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateRecord(ctx, talkRecord, id, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TalkDeletePayload, { description: 'Deletes a talk; its speakers and projects stay.' })
  talkDelete(@Arg('id', () => ID, { description: 'ID of the talk.' }) id: string, @Ctx() ctx: Context) {
    return deleteRecord(ctx, talkRecord, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TalkPayload, { description: 'Credits a speaker on a talk in a role, or changes the role of one already credited.' })
  talkSpeakerLink(
    @Arg('input', () => TalkSpeakerLinkInput, { description: 'The talk, the speaker and the role.' }) input: TalkSpeakerLinkInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'talkSpeakerLink', input, async (tx) => {
      const { talkId, otherId } = await linkEnds(tx, input.talk, input.speaker, 'Speaker');
      const [before] = await tx.sql<{ row: object }>(
        `SELECT to_jsonb(ts) AS row FROM ${ts} WHERE ${talk_speaker.col.talk_id} = $1 AND ${talk_speaker.col.speaker_id} = $2`,
        [talkId, otherId],
      );
      const [after] = await tx.sql<{ row: Record<string, unknown> }>(
        `INSERT INTO ${talk_speaker.name} AS ts (${talk_speaker.list('talk_id', 'speaker_id', 'role', 'position')})
         VALUES ($1, $2, $3, (SELECT coalesce(max(${talk_speaker.col.position}), 0) + 1 FROM ${talk_speaker.name} WHERE ${talk_speaker.col.talk_id} = $1))
         ON CONFLICT (${talk_speaker.list('talk_id', 'speaker_id')}) DO UPDATE SET ${talk_speaker.col.role} = EXCLUDED.${talk_speaker.col.role} RETURNING to_jsonb(ts) AS row`,
        [talkId, otherId, input.role],
      );
      await tx.audit('TalkSpeaker', talkId, (before?.row as Record<string, unknown>) ?? null, after.row);
      return changedTalk(tx, talkId);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TalkPayload, { description: 'Removes a speaker from the credits of a talk.' })
  talkSpeakerUnlink(
    @Arg('input', () => TalkSpeakerUnlinkInput, { description: 'The talk and the speaker.' }) input: TalkSpeakerUnlinkInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'talkSpeakerUnlink', input, async (tx) => {
      const { talkId, otherId } = await linkEnds(tx, input.talk, input.speaker, 'Speaker');
      const [removed] = await tx.sql<{ row: Record<string, unknown> }>(
        `DELETE FROM ${ts} WHERE ${talk_speaker.col.talk_id} = $1 AND ${talk_speaker.col.speaker_id} = $2 RETURNING to_jsonb(ts) AS row`,
        [talkId, otherId],
      );
      found(removed, 'credit of this speaker on this talk', ['input', 'speaker']);
      await tx.audit('TalkSpeaker', talkId, removed.row, null);
      return changedTalk(tx, talkId);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TalkPayload, { description: 'Records that a talk covered a project; nothing changes when it already is.' })
  talkProjectLink(
    @Arg('input', () => TalkProjectLinkInput, { description: 'The talk and the project.' }) input: TalkProjectLinkInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'talkProjectLink', input, async (tx) => {
      const { talkId, otherId } = await linkEnds(tx, input.talk, input.project, 'Project');
      const added = await tx.sql<{ row: Record<string, unknown> }>(
        `INSERT INTO ${talk_project.name} AS tp (${talk_project.list('talk_id', 'project_id')}) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING to_jsonb(tp) AS row`,
        [talkId, otherId],
      );
      if (!added.length) return (await loadRow(tx.sql, Talk, talk, talkId))!;
      await tx.audit('TalkProject', talkId, null, added[0].row);
      return changedTalk(tx, talkId);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TalkPayload, { description: 'Removes a project from those a talk covered.' })
  talkProjectUnlink(
    @Arg('input', () => TalkProjectLinkInput, { description: 'The talk and the project.' }) input: TalkProjectLinkInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'talkProjectUnlink', input, async (tx) => {
      const { talkId, otherId } = await linkEnds(tx, input.talk, input.project, 'Project');
      const [removed] = await tx.sql<{ row: Record<string, unknown> }>(
        `DELETE FROM ${tp} WHERE ${talk_project.col.talk_id} = $1 AND ${talk_project.col.project_id} = $2 RETURNING to_jsonb(tp) AS row`,
        [talkId, otherId],
      );
      found(removed, 'link of this project to this talk', ['input', 'project']);
      await tx.audit('TalkProject', talkId, removed.row, null);
      return changedTalk(tx, talkId);
    });
  }
}
