import type { SqlRunner } from '../database/database';
import { personKey, projectKey } from '../database/name-key';
import { tables } from '../database/tables';
import type { Tx } from '../mutations/mutation';
import type { EventFact } from './event-facts';
import { snapshots, type RecordType, type Snapshot } from '../audit/audit-log';

const TYPES: readonly RecordType[] = ['Event', 'Talk', 'Speaker', 'Project'];

const { speaker, project_key } = tables;
const { event: eventTable, talk: talkTable } = tables;
const ts = tables.talk_speaker.as('ts');
const tp = tables.talk_project.as('tp');
const rs = tables.record_source.as('rs');
const s = tables.source.as('s');

// `e` is the event under the slug, `t` its talks (with their ids as `id`).
const TOUCHABLE = `WITH e AS (SELECT ${eventTable.col.id} FROM ${eventTable.name} WHERE ${eventTable.col.slug} = $1), t AS (SELECT ${talkTable.name}.${talkTable.col.id} FROM ${talkTable.name} JOIN e ON ${talkTable.name}.${talkTable.col.event_id} = e.id)
     SELECT 'Event' AS type, id FROM e
     UNION SELECT 'Talk', id FROM t
     UNION SELECT 'Speaker', ${ts.speaker_id} FROM ${ts} JOIN t ON ${ts.talk_id} = t.id
     UNION SELECT 'Speaker', ${speaker.col.id} FROM ${speaker.name} WHERE ${speaker.col.name_key} = ANY($2::text[]) OR lower(${speaker.col.alias}) = ANY($2::text[])
     UNION SELECT 'Project', ${tp.project_id} FROM ${tp} JOIN t ON ${tp.talk_id} = t.id
     UNION SELECT 'Project', ${project_key.col.project_id} FROM ${project_key.name} WHERE ${project_key.col.key} = ANY($3::text[])
     UNION SELECT ${rs.record_type}, ${rs.record_id} FROM ${rs} JOIN ${s} ON ${s.id} = ${rs.source_id}
       WHERE ${s.uri} = $4 AND ${rs.record_type} = ANY($5::text[])`;

/** Audits a write of imported facts: what to call before it, and after it. */
export interface ImportAudit {
  /** Snapshots every record the event's write may touch; call it right before the write. */
  before(event: EventFact): Promise<void>;
  /** Writes one audit entry per record the write created, changed or removed. */
  record(): Promise<void>;
}

/**
 * The audit of one import, whose write is decided by natural keys rather than by ids the caller
 * gives: the records it may touch (the event under the slug it lands on, that event's talks, the
 * speakers its names find or link, the projects its talks name, and whatever the source gave
 * before) are snapshotted before and after the write, and each that differs is recorded:
 * created (nothing before), changed, or removed (nothing after).
 */
export function importAudit(tx: Tx, sourceUri: string): ImportAudit {
  let event: EventFact | null = null;
  let earlier: Map<string, Snapshot> = new Map();
  return {
    async before(written) {
      event = written;
      earlier = await snapshotAll(tx.sql, await touchable(tx.sql, written, sourceUri));
    },
    async record() {
      if (!event) return;
      const later = await snapshotAll(tx.sql, [...new Set([...earlier.keys(), ...(await touchable(tx.sql, event, sourceUri))])]);
      for (const key of new Set([...earlier.keys(), ...later.keys()])) {
        const before = earlier.get(key) ?? null;
        const after = later.get(key) ?? null;
        if (JSON.stringify(before) === JSON.stringify(after)) continue;
        const [type, id] = key.split(':');
        await tx.audit(type, Number(id), before, after);
      }
    },
  };
}

/** `Type:id` of every record a write of `event` from `sourceUri` may create, change or remove. */
async function touchable(sql: SqlRunner, event: EventFact, sourceUri: string): Promise<string[]> {
  const people = [...(event.speakers ?? []), ...(event.talks ?? []).flatMap((talk) => talk.speakers ?? [])];
  const personKeys = [
    ...new Set(
      people
        .flatMap((p) => [p.name, p.alias])
        .filter((n): n is string => !!n)
        .map(personKey),
    ),
  ];
  const projectKeys = [...new Set((event.talks ?? []).flatMap((talk) => talk.projects ?? []).map(projectKey))];
  const rows = await sql<{ type: string; id: number }>(TOUCHABLE, [event.slug, personKeys, projectKeys, sourceUri, TYPES]);
  return rows.map((row) => `${row.type}:${row.id}`);
}

async function snapshotAll(sql: SqlRunner, keys: string[]): Promise<Map<string, Snapshot>> {
  const all = new Map<string, Snapshot>();
  for (const type of TYPES) {
    const ids = keys.filter((key) => key.startsWith(`${type}:`)).map((key) => Number(key.slice(type.length + 1)));
    for (const [id, row] of await snapshots(sql, type, ids)) all.set(`${type}:${id}`, row);
  }
  return all;
}
