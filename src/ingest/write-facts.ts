import type { SqlRunner } from '../database/database';
import { personKey, projectKey, titleKey } from '../database/name-key';
import type { EventFact, FactLocator, GraphFacts, ProjectFact, SpeakerFact, TalkFact, TalkSpeakerFact } from './event-facts';
import { ExternalIds } from './external-ids';
import { keepHttpLinks } from './http-links';
import { isTimeZone } from './sources/zoned-time';
import { linkAlias } from './link-alias';
import { resolveSpeaker } from './resolve-speaker';
import { settleWithdrawals } from './settle-withdrawals';
import { count, emptyCounts, type WriteCounts } from './write-counts';
import { upsertRow } from '../database/upsert-row';
import { tables, type WritableColumn } from '../database/tables';
import { sourceSpecificity } from '../facts/fact-choice';
import { type FactColumn, factValue } from '../facts/fact-field.enum';
import {
  applyRemaining,
  decideFacts,
  type FactDecision,
  type GivenFact,
  type StoredFact,
  storedEventFacts,
  writeSourceFacts,
} from '../facts/fact-values.store';

const { project_alias, project_key, record_source, speaker_project, talk_project, talk_speaker } = tables;
const t = tables.talk.as('t');
const rs = record_source.as('rs');
const ts = talk_speaker.as('ts');
const tp = talk_project.as('tp');

/** A community row as events are written under it: its key and the zone of events that state none. */
interface StoredCommunity {
  id: number;
  timeZone: string;
}

/** The document the facts were read from, for provenance. */
export interface FactSource {
  uri: string;
  contentHash: string;
  /** A feed (an iCalendar calendar): less specific than an event's own page or schedule, whatever it holds (fact-choice.ts). */
  feed?: boolean;
}

/** The source document being written and how specific it is, for per-fact provenance. */
interface OwnSource {
  sourceId: number;
  specificity: number;
}

/**
 * Writes a document of facts into the graph by natural keys: projects by slug, events by slug,
 * talks by event and title, speakers by name or alias. Idempotent: writing the same facts again
 * changes no row. Run it inside one transaction per document; it never opens one itself.
 */
export async function writeFacts(sql: SqlRunner, document: GraphFacts, source?: FactSource): Promise<WriteCounts> {
  const counts = emptyCounts();
  const { facts, dropped } = keepHttpLinks(document);
  counts.warnings.push(...dropped);
  const sourceId = source ? await upsertSource(sql, source, counts) : null;
  // Provenance is gathered and written in one statement at the end: a page names hundreds of records.
  const pending = new Map<string, { type: string; id: number; at?: FactLocator }>();
  const provenance = Object.assign(
    async (type: string, id: number, at?: FactLocator) => {
      if (sourceId !== null) pending.set(`${type}:${id}`, { type, id, at });
    },
    {
      /** Moves what was noted for records of `type` to the record `to` maps them to (merged while the document was written). */
      follow(type: string, to: (id: number) => number) {
        for (const [key, record] of [...pending]) {
          if (record.type !== type || to(record.id) === record.id) continue;
          pending.delete(key);
          pending.set(`${type}:${to(record.id)}`, { ...record, id: to(record.id) });
        }
      },
    },
  );

  const communities = new Map<string, StoredCommunity>();
  for (const community of facts.communities ?? []) {
    if (community.timeZone !== undefined && !isTimeZone(community.timeZone)) {
      throw new Error(`Community "${community.slug}": time zone "${community.timeZone}" is not an IANA time zone (e.g. Asia/Shanghai).`);
    }
    // A community fact without a zone leaves the stored one as it is.
    const zone = community.timeZone === undefined ? {} : { time_zone: community.timeZone };
    const { id, change } = await upsertRow(sql, tables.community, ['slug'], {
      slug: community.slug,
      name: community.name,
      url: community.url ?? null,
      ...zone,
    });
    count(counts, 'communities', change);
    communities.delete(community.slug);
    if (community.timeZone !== undefined) communities.set(community.slug, { id, timeZone: community.timeZone });
  }
  const communityOf = async (slug: string): Promise<StoredCommunity> => {
    let community = communities.get(slug);
    if (community === undefined) {
      const rows = await sql<{ id: number; time_zone: string }>(
        `SELECT ${tables.community.list('id', 'time_zone')} FROM ${tables.community.name} WHERE ${tables.community.col.slug} = $1`,
        [slug],
      );
      if (!rows.length) throw new Error(`Unknown community "${slug}": add it to the document's communities first.`);
      community = { id: rows[0].id, timeZone: rows[0].time_zone };
      communities.set(slug, community);
    }
    return community;
  };

  for (const project of facts.projects ?? []) {
    const id = await writeProject(sql, project, project.community ? (await communityOf(project.community)).id : null, counts);
    await provenance('Project', id);
  }
  const projectIds = projectLookup(sql);
  const own = sourceId === null ? null : { sourceId, specificity: sourceSpecificity(source?.feed ?? false, facts.events?.length ?? 0) };
  for (const event of facts.events ?? []) {
    await writeEvent(sql, event, await communityOf(event.community), counts, provenance, own, projectIds);
  }
  if (sourceId !== null && pending.size) counts.links += await writeProvenance(sql, sourceId, [...pending.values()]);
  // Talks this document dropped or listed again may take their event or people with them.
  if (sourceId !== null) {
    const settled = await settleWithdrawals(sql, [sourceId]);
    counts.updated.events += settled.events.withdrawn + settled.events.restored;
    counts.updated.speakers += settled.speakers.withdrawn + settled.speakers.restored;
  }
  return counts;
}

/** Records where each record was read on the source; returns how many rows were added or changed. */
async function writeProvenance(
  sql: SqlRunner,
  sourceId: number,
  records: { type: string; id: number; at?: FactLocator }[],
): Promise<number> {
  const rows = await sql(
    `INSERT INTO ${record_source.name} (${record_source.list('source_id', 'record_type', 'record_id', 'locator')})
     SELECT $1, t, i, l FROM unnest($2::text[], $3::int[], $4::jsonb[]) AS r (t, i, l)
     ON CONFLICT (${record_source.list('source_id', 'record_type', 'record_id')}) DO UPDATE SET ${record_source.col.locator} = EXCLUDED.${record_source.col.locator}
     WHERE ${record_source.name}.${record_source.col.locator} IS DISTINCT FROM EXCLUDED.${record_source.col.locator} RETURNING 1`,
    [sourceId, records.map((r) => r.type), records.map((r) => r.id), records.map((r) => JSON.stringify(r.at ?? {}))],
  );
  return rows.length;
}

/** Finds a project id by any of its names; reads every name once per document, on first use. */
type ProjectLookup = (name: string) => Promise<number | null>;

function projectLookup(sql: SqlRunner): ProjectLookup {
  let keys: Promise<Map<string, number>> | undefined;
  return async (name) => {
    keys ??= sql<{ key: string; project_id: number }>(`SELECT ${project_key.list('key', 'project_id')} FROM ${project_key.name}`).then(
      (rows) => new Map(rows.map((row) => [row.key, row.project_id])),
    );
    return (await keys).get(projectKey(name)) ?? null;
  };
}

async function upsertSource(sql: SqlRunner, source: FactSource, counts: WriteCounts): Promise<number> {
  const rows = await sql<{ id: number; content_hash: string }>(
    `INSERT INTO ${tables.source.name} (${tables.source.list('uri', 'content_hash')}) VALUES ($1, $2)
     ON CONFLICT (${tables.source.col.uri}) DO UPDATE SET ${tables.source.col.content_hash} = EXCLUDED.${tables.source.col.content_hash}, ${tables.source.col.imported_at} = now()
     WHERE ${tables.source.name}.${tables.source.col.content_hash} IS DISTINCT FROM EXCLUDED.${tables.source.col.content_hash} RETURNING id`,
    [source.uri, source.contentHash],
  );
  if (rows.length) {
    counts.links++;
    return rows[0].id;
  }
  return (await sql<{ id: number }>(`SELECT id FROM ${tables.source.name} WHERE ${tables.source.col.uri} = $1`, [source.uri]))[0].id;
}

async function writeProject(sql: SqlRunner, project: ProjectFact, communityId: number | null, counts: WriteCounts): Promise<number> {
  const { id, change } = await upsertRow(
    sql,
    tables.project,
    ['slug'],
    {
      slug: project.slug,
      name: project.name,
      description: project.description ?? null,
      repository_url: project.repositoryUrl ?? null,
      homepage_url: project.homepageUrl ?? null,
      community_id: communityId,
    },
    ['description', 'repository_url', 'homepage_url', 'community_id'],
  );
  count(counts, 'projects', change);
  const own = new Set([projectKey(project.slug), projectKey(project.name)]);
  for (const alias of project.aliases ?? []) {
    const key = projectKey(alias);
    if (!key || own.has(key)) continue;
    const rows = await sql<{ project_id: number }>(
      `INSERT INTO ${project_alias.name} (${project_alias.list('project_id', 'alias', 'key')}) VALUES ($1, $2, $3)
       ON CONFLICT (${project_alias.col.key}) DO UPDATE SET ${project_alias.col.alias} = ${project_alias.name}.${project_alias.col.alias} WHERE false RETURNING ${project_alias.col.project_id}`,
      [id, alias, key],
    );
    if (rows.length) counts.links++;
    else {
      const owner = await sql<{ project_id: number }>(
        `SELECT ${project_alias.col.project_id} FROM ${project_alias.name} WHERE ${project_alias.col.key} = $1`,
        [key],
      );
      if (owner[0]?.project_id !== id)
        counts.warnings.push(`Alias "${alias}" already names another project; not added to ${project.slug}.`);
    }
  }
  return id;
}

async function writeEvent(
  sql: SqlRunner,
  event: EventFact,
  community: StoredCommunity,
  counts: WriteCounts,
  provenance: Provenance,
  own: OwnSource | null,
  projectIdByName: ProjectLookup,
): Promise<void> {
  const sourceId = own?.sourceId ?? null;
  // What other sources said of the event and its talks stands where this source says nothing:
  // a schedule without a city does not erase the city its event page gave.
  const shared = sourceId === null ? null : await sharedRecords(sql, event.slug, sourceId);
  // Where sources (or an editor) gave a field values, the column holds the one the rule chooses.
  const stored = own === null ? null : await storedEventFacts(sql, event.slug);
  const eventFacts =
    own &&
    decideFacts(stored!.event, own, {
      title: event.title,
      starts_at: factValue('starts_at', event.startsAt),
      ends_at: factValue('ends_at', event.endsAt),
      city: event.city ?? null,
      venue: event.venue ?? null,
    });
  const pick = chosenOr(eventFacts);
  const { id: eventId, change } = await upsertRow(
    sql,
    tables.event,
    ['slug'],
    {
      slug: event.slug,
      community_id: community.id,
      title: pick('title', event.title),
      series: event.series ?? null,
      starts_at: { value: pick('starts_at', event.startsAt), cast: 'timestamptz' },
      ends_at: { value: pick('ends_at', event.endsAt), cast: 'timestamptz' },
      time_zone: event.timeZone ?? community.timeZone,
      format: event.format ?? null,
      city: pick('city', event.city),
      venue: pick('venue', event.venue),
      description: event.description ?? null,
      cover_url: event.coverUrl ?? null,
      tags: { value: event.tags ?? [], cast: 'text[]' },
      links: { value: JSON.stringify(event.links ?? []), cast: 'jsonb' },
    },
    undecided(eventFacts, shared?.event ? ['series', 'ends_at', 'format', 'city', 'venue', 'description', 'cover_url'] : []),
  );
  const given: GivenFact[] = [];
  const noteGiven = (recordType: 'Talk' | 'Event', recordId: number, decision: FactDecision | null) => {
    for (const [field, value] of decision?.given ?? []) given.push({ recordType, recordId, field, value });
  };
  noteGiven('Event', eventId, eventFacts);
  count(counts, 'events', change);
  await provenance('Event', eventId, event.at);
  const externalIds = new ExternalIds();
  externalIds.add('Event', eventId, event.externalIds);
  const knownSpeakers = await externalIds.find(sql, 'Speaker', [
    ...(event.speakers ?? []),
    ...(event.talks ?? []).flatMap((t) => t.speakers ?? []),
  ]);

  // People named on the page, so that a talk's "亦夏" finds 王特's full record.
  const people = event.speakers ?? [];
  const speakerIds = new Map<SpeakerFact, number>();
  // Records merged away by alias while this event is written, and the record each now is.
  const mergedInto = new Map<number, number>();
  const current = (speakerId: number): number => {
    let id = speakerId;
    while (mergedInto.has(id)) id = mergedInto.get(id)!;
    return id;
  };
  const writePerson = async (person: SpeakerFact): Promise<number> => {
    const seen = speakerIds.get(person);
    if (seen !== undefined) return current(seen);
    // A person id the source gave before names the same speaker, whatever name it goes by now.
    const known = knownSpeakers(person.externalIds);
    const written = known === null ? await resolveSpeaker(sql, person) : { id: current(known), change: 'unchanged' as const };
    count(counts, 'speakers', written.change);
    const linked = await linkAlias(sql, person, written.id, sourceId);
    if (linked.warning) counts.warnings.push(linked.warning);
    for (const absorbed of linked.absorbed) mergedInto.set(absorbed, linked.id);
    const id = linked.id;
    speakerIds.set(person, id);
    externalIds.add('Speaker', id, person.externalIds);
    await provenance('Speaker', id, person.at);
    for (const role of person.projects ?? []) {
      const projectId = await projectIdByName(role.project);
      if (projectId === null) {
        counts.warnings.push(`${person.name}: unknown project "${role.project}".`);
        continue;
      }
      const rows = await sql(
        `INSERT INTO ${speaker_project.name} (${speaker_project.list('speaker_id', 'project_id', 'role')}) VALUES ($1, $2, $3)
         ON CONFLICT (${speaker_project.list('speaker_id', 'project_id')}) DO UPDATE SET role = coalesce(EXCLUDED.role, ${speaker_project.name}.role)
         WHERE ${speaker_project.name}.role IS DISTINCT FROM coalesce(EXCLUDED.role, ${speaker_project.name}.role) RETURNING 1`,
        [id, projectId, role.role ?? null],
      );
      counts.links += rows.length;
    }
    return id;
  };
  for (const person of people) await writePerson(person);

  const keptTalks: number[] = [];
  // Links of every talk, written per event in two statements rather than per talk.
  let credits: TalkLink[] = [];
  let tags: TalkLink[] = [];
  const talks = event.talks ?? [];
  const talkKey = talkKeys(talks);
  for (const [index, talk] of talks.entries()) {
    // A talk an editor renamed is found again by the title this source gives it.
    const key = stored?.talkKeyOf(talkKey(talk)) ?? talkKey(talk);
    const talkFacts =
      own &&
      decideFacts(stored!.talk(key), own, {
        title: talk.title,
        abstract: talk.abstract ?? null,
        starts_at: factValue('starts_at', talk.startsAt),
        ends_at: factValue('ends_at', talk.endsAt),
        slides_url: talk.slidesUrl ?? null,
        video_url: talk.videoUrl ?? null,
      });
    const pickTalk = chosenOr(talkFacts);
    const { id: talkId, change: talkChange } = await upsertRow(
      sql,
      tables.talk,
      ['event_id', 'title_key'],
      {
        event_id: eventId,
        title_key: key,
        title: pickTalk('title', talk.title),
        abstract: pickTalk('abstract', talk.abstract),
        kind: talk.kind ?? 'TALK',
        starts_at: { value: pickTalk('starts_at', talk.startsAt), cast: 'timestamptz' },
        ends_at: { value: pickTalk('ends_at', talk.endsAt), cast: 'timestamptz' },
        slides_url: pickTalk('slides_url', talk.slidesUrl),
        video_url: pickTalk('video_url', talk.videoUrl),
        position: index + 1,
        room: talk.room ?? null,
        track: talk.track ?? null,
        language: talk.language ?? null,
        links: { value: talk.links?.length ? JSON.stringify(talk.links) : null, cast: 'jsonb' },
        // Listed again: a talk its source had dropped is back in force.
        withdrawn_at: { value: null, cast: 'timestamptz' },
      },
      undecided(talkFacts, shared?.talkKeys.has(key) ? TALK_KEPT_FROM_OTHERS : TALK_KEPT),
    );
    count(counts, 'talks', talkChange);
    noteGiven('Talk', talkId, talkFacts);
    externalIds.add('Talk', talkId, talk.externalIds);
    keptTalks.push(talkId);
    await provenance('Talk', talkId, talk.at);
    // Two agenda entries with one title are one talk: the later entry's links stand, as its fields do.
    credits = credits.filter((link) => link.talkId !== talkId);
    tags = tags.filter((link) => link.talkId !== talkId);

    const credited: number[] = [];
    for (const ref of talk.speakers ?? []) {
      const person = people.find((p) => sameSpeaker(p, ref)) ?? { name: ref.name, alias: ref.alias ?? null };
      const speakerId = await writePerson(person);
      if (credited.includes(speakerId)) continue;
      credited.push(speakerId);
      credits.push({ talkId, otherId: speakerId, role: ref.role ?? 'SPEAKER', position: credited.length });
    }

    const tagged: number[] = [];
    for (const name of talk.projects ?? []) {
      const projectId = await projectIdByName(name);
      if (projectId === null) counts.warnings.push(`"${talk.title}": unknown project "${name}".`);
      else if (!tagged.includes(projectId)) {
        tagged.push(projectId);
        tags.push({ talkId, otherId: projectId });
      }
    }
  }
  if (mergedInto.size) {
    // Ids noted before a merge took their record away name the record it went into.
    externalIds.follow('Speaker', current);
    provenance.follow('Speaker', current);
    credits = dedupeCredits(credits.map((link) => ({ ...link, otherId: current(link.otherId) })));
  }
  counts.links += await externalIds.write(sql);
  if (keptTalks.length) {
    counts.links += await syncTalkSpeakers(sql, keptTalks, credits);
    counts.links += await syncTalkProjects(sql, keptTalks, tags);
  }

  // Talks this source gave before but no longer lists were renamed or dropped on the page:
  // withdraw them (kept, out of lists and counts), unless another source still vouches for them.
  if (sourceId !== null) {
    const withdrawn = await sql(
      `UPDATE ${t} SET ${tables.talk.col.withdrawn_at} = now(), ${tables.talk.col.updated_at} = now() WHERE ${t.event_id} = $1 AND NOT (${t.id} = ANY($2::int[])) AND ${t.withdrawn_at} IS NULL
         AND EXISTS (SELECT 1 FROM ${rs} WHERE ${rs.record_type} = 'Talk' AND ${rs.record_id} = ${t.id} AND ${rs.source_id} = $3)
         AND NOT EXISTS (SELECT 1 FROM ${rs} WHERE ${rs.record_type} = 'Talk' AND ${rs.record_id} = ${t.id} AND ${rs.source_id} <> $3)
       RETURNING ${t.id}`,
      [eventId, keptTalks, sourceId],
    );
    if (withdrawn.length) {
      counts.updated.events += change === 'unchanged' ? 1 : 0;
      counts.withdrawn += withdrawn.length;
    }
  }
  if (own !== null) await writeGivenFacts(sql, own, eventId, given, stored!.byRecord, keptTalks, counts);
}

/**
 * Stores the values this source gives the event and its talks now. A talk it no longer lists
 * loses this source's values, and where others still give one, its column takes theirs.
 */
async function writeGivenFacts(
  sql: SqlRunner,
  own: OwnSource,
  eventId: number,
  given: GivenFact[],
  stored: Map<string, StoredFact[]>,
  keptTalks: number[],
  counts: WriteCounts,
): Promise<void> {
  const { changed, removed } = await writeSourceFacts(sql, own.sourceId, own.specificity, eventId, given);
  counts.links += changed + removed.length;
  for (const fact of removed) {
    if (fact.record_type !== 'Talk' || keptTalks.includes(fact.record_id)) continue;
    const others = (stored.get(`Talk:${fact.record_id}`) ?? []).filter((f) => f.sourceId !== own.sourceId);
    if (await applyRemaining(sql, 'Talk', fact.record_id, fact.field, others)) counts.updated.talks++;
  }
}

/** A column's value: the one the rule chose among every source's and editor's, else what this document gives. */
function chosenOr(decision: FactDecision | null) {
  return (column: FactColumn, given: string | null | undefined): unknown =>
    decision?.chosen.has(column) ? decision.chosen.get(column) : (given ?? null);
}

/** The columns kept from a null that no value decides: a decided column holds the chosen value, null included. */
function undecided<C extends string>(decision: FactDecision | null, kept: C[]): C[] {
  return decision ? kept.filter((column) => !decision.chosen.has(column as unknown as FactColumn)) : kept;
}

/** Talk columns a source that leaves them out never clears. */
const TALK_KEPT: WritableColumn<'talk'>[] = ['room', 'track', 'language', 'links'];
/** Where another source already vouches for a talk, these are only filled, never cleared, by this one. */
const TALK_KEPT_FROM_OTHERS: WritableColumn<'talk'>[] = [...TALK_KEPT, 'abstract', 'ends_at', 'slides_url', 'video_url'];

/** Whether another source than `sourceId` vouches for the event `slug`, and the title keys of its talks that another source vouches for. */
async function sharedRecords(sql: SqlRunner, slug: string, sourceId: number): Promise<{ event: boolean; talkKeys: Set<string> }> {
  const rows = await sql<{ type: string; key: string }>(
    `SELECT 'Event' AS type, e.slug AS key FROM ${tables.event.name} e WHERE e.slug = $1
       AND EXISTS (SELECT 1 FROM ${tables.record_source.name} rs WHERE rs.record_type = 'Event' AND rs.record_id = e.id AND rs.source_id <> $2)
     UNION ALL
     SELECT 'Talk', t.title_key FROM ${tables.event.name} e JOIN ${tables.talk.name} t ON t.event_id = e.id WHERE e.slug = $1
       AND EXISTS (SELECT 1 FROM ${tables.record_source.name} rs WHERE rs.record_type = 'Talk' AND rs.record_id = t.id AND rs.source_id <> $2)`,
    [slug, sourceId],
  );
  return { event: rows.some((r) => r.type === 'Event'), talkKeys: new Set(rows.filter((r) => r.type === 'Talk').map((r) => r.key)) };
}

/**
 * The natural key of each talk within its event: its title, and for titles that repeat within the
 * document ("Welcome" in every room of a conference) the source's id beside it, so that entries
 * with their own ids stay apart while undistinguished repeats remain one talk.
 */
function talkKeys(talks: TalkFact[]): (talk: TalkFact) => string {
  const seen = new Map<string, number>();
  for (const talk of talks) seen.set(titleKey(talk.title), (seen.get(titleKey(talk.title)) ?? 0) + 1);
  return (talk) => {
    const key = titleKey(talk.title);
    const id = talk.externalIds?.[0];
    return (seen.get(key) ?? 0) > 1 && id ? `${key} #${id.source}:${id.id}` : key;
  };
}

/** Whether a page's person and a talk's speaker reference are the same person: by a source's id when both have one, else by name. */
function sameSpeaker(person: SpeakerFact, ref: TalkSpeakerFact): boolean {
  if (person.externalIds?.length && ref.externalIds?.length) {
    return ref.externalIds.some((a) => person.externalIds!.some((b) => a.source === b.source && a.id === b.id));
  }
  const names = [person.name, person.alias].filter((n): n is string => !!n).map(personKey);
  return [ref.name, ref.alias].some((n) => n && names.includes(personKey(n)));
}

/** Credits with one link per talk and speaker, the first standing (two records of one person credited on one talk, now merged). */
function dedupeCredits(credits: TalkLink[]): TalkLink[] {
  const seen = new Set<string>();
  return credits.filter((link) => {
    const key = `${link.talkId}:${link.otherId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Notes where a record was read, for the document's one provenance statement. */
interface Provenance {
  (type: string, id: number, at?: FactLocator): Promise<void>;
  follow(type: string, to: (id: number) => number): void;
}

/** A talk's link to a speaker (with role and position) or to a project. */
interface TalkLink {
  talkId: number;
  otherId: number;
  role?: string;
  position?: number;
}

/** Makes the credits of `talkIds` exactly `credits`, in one statement; returns how many rows changed. */
async function syncTalkSpeakers(sql: SqlRunner, talkIds: number[], credits: TalkLink[]): Promise<number> {
  const [{ changed }] = await sql<{ changed: number }>(
    `WITH wanted AS (SELECT * FROM unnest($2::int[], $3::int[], $4::text[], $5::int[]) AS w (${talk_speaker.list('talk_id', 'speaker_id', 'role', 'position')})),
     removed AS (
       DELETE FROM ${ts} WHERE ${ts.talk_id} = ANY($1::int[])
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.talk_id = ${ts.talk_id} AND w.speaker_id = ${ts.speaker_id}) RETURNING 1),
     written AS (
       INSERT INTO ${talk_speaker.name} (${talk_speaker.list('talk_id', 'speaker_id', 'role', 'position')}) SELECT * FROM wanted
       ON CONFLICT (${talk_speaker.list('talk_id', 'speaker_id')}) DO UPDATE SET role = EXCLUDED.role, position = EXCLUDED.position
       WHERE (${talk_speaker.name}.role, ${talk_speaker.name}.position) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.position) RETURNING 1)
     SELECT ((SELECT count(*) FROM removed) + (SELECT count(*) FROM written))::int AS changed`,
    [talkIds, credits.map((c) => c.talkId), credits.map((c) => c.otherId), credits.map((c) => c.role), credits.map((c) => c.position)],
  );
  return changed;
}

/** Makes the projects of `talkIds` exactly `tags`, in one statement; returns how many rows changed. */
async function syncTalkProjects(sql: SqlRunner, talkIds: number[], tags: TalkLink[]): Promise<number> {
  const [{ changed }] = await sql<{ changed: number }>(
    `WITH wanted AS (SELECT * FROM unnest($2::int[], $3::int[]) AS w (${talk_project.list('talk_id', 'project_id')})),
     removed AS (
       DELETE FROM ${tp} WHERE ${tp.talk_id} = ANY($1::int[])
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.talk_id = ${tp.talk_id} AND w.project_id = ${tp.project_id}) RETURNING 1),
     added AS (INSERT INTO ${talk_project.name} (${talk_project.list('talk_id', 'project_id')}) SELECT * FROM wanted ON CONFLICT DO NOTHING RETURNING 1)
     SELECT ((SELECT count(*) FROM removed) + (SELECT count(*) FROM added))::int AS changed`,
    [talkIds, tags.map((t) => t.talkId), tags.map((t) => t.otherId)],
  );
  return changed;
}
