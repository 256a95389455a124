import type { TalkFact, TalkKindValue, TalkSpeakerFact } from '../../event-facts';
import { isObject, jsonPointer } from '../json-document';
import { SchedulePeople, cleanName } from '../schedule-people';
import { WarningTally, type RecordError, type ScheduleInput, type ScheduleRead } from '../schedule-read';
import { scheduleSlug } from '../schedule-slug';
import { talkKindOf } from '../talk-kind';
import { talkLinks } from '../talk-links';
import { instantIn, instantWithOffset, isoInZone } from '../zoned-time';

/** Sessionize's ids are its own and global, so one namespace serves every event. */
const SOURCE = 'sessionize';

/**
 * Reads a Sessionize export (the `All` endpoint: sessions, speakers, categories, rooms; or the
 * `Sessions` endpoint's groups) into one event. Times without an offset are read in the event's
 * time zone. The export names no event, so it is titled by `input.eventTitle` or its folder.
 * Service sessions (breaks, lunch) are not talks and are left out; a session without a title,
 * a time or a known, named speaker fails alone with its JSON pointer.
 */
export function readSessionize(document: unknown, input: ScheduleInput & { eventTitle?: string }): ScheduleRead {
  const groups = Array.isArray(document) ? document : null;
  const root = isObject(document) ? document : null;
  if (!groups && (!root || !Array.isArray(root.sessions)))
    return { ok: false, pointer: '/sessions', reason: 'no "sessions" array: not a Sessionize export' };
  const warnings = new WarningTally();
  const errors: RecordError[] = [];

  const speakers = new Map<string, { name: string; bio: string | null; affiliation: string | null; links: unknown }>();
  const badSpeakers = new Map<string, string>();
  const speakerList = root && Array.isArray(root.speakers) ? root.speakers : [];
  for (const [i, s] of speakerList.entries()) {
    const pointer = jsonPointer('speakers', i);
    if (!isObject(s) || (typeof s.id !== 'string' && typeof s.id !== 'number')) {
      errors.push({ pointer, reason: 'the speaker has no id' });
      continue;
    }
    const id = String(s.id);
    const name =
      cleanName(s.fullName) ||
      cleanName(`${typeof s.firstName === 'string' ? s.firstName : ''} ${typeof s.lastName === 'string' ? s.lastName : ''}`);
    if (speakers.has(id) || badSpeakers.has(id)) errors.push({ pointer, reason: `duplicate speaker id "${id.slice(0, 100)}"` });
    else if (!name) {
      badSpeakers.set(id, pointer);
      errors.push({ pointer, reason: `speaker "${id.slice(0, 100)}" has no name` });
    } else
      speakers.set(id, {
        name,
        bio: typeof s.bio === 'string' ? s.bio : null,
        affiliation: typeof s.tagLine === 'string' ? s.tagLine : null,
        links: s.links,
      });
  }
  const categories = categoryItems(root?.categories);
  const rooms = new Map<string, string>();
  if (root && Array.isArray(root.rooms))
    for (const r of root.rooms) if (isObject(r) && typeof r.name === 'string') rooms.set(String(r.id), r.name);

  const people = new SchedulePeople();
  const talks: TalkFact[] = [];
  const seen = new Map<string, string>();
  let service = 0;
  const sessions: { value: unknown; pointer: string }[] = groups
    ? groups.flatMap((g, gi) =>
        isObject(g) && Array.isArray(g.sessions) ? g.sessions.map((value, i) => ({ value, pointer: jsonPointer(gi, 'sessions', i) })) : [],
      )
    : (root!.sessions as unknown[]).map((value, i) => ({ value, pointer: jsonPointer('sessions', i) }));
  for (const { value: s, pointer } of sessions) {
    const fail = (reason: string) => errors.push({ pointer, reason });
    if (!isObject(s)) {
      fail('the session is not an object');
      continue;
    }
    if (s.isServiceSession === true) {
      service++;
      continue;
    }
    const id = typeof s.id === 'string' || typeof s.id === 'number' ? String(s.id) : '';
    if (!id) {
      fail('the session has no id');
      continue;
    }
    if (seen.has(id)) {
      fail(`duplicate session id "${id.slice(0, 100)}", first used at ${seen.get(id)}`);
      continue;
    }
    seen.set(id, pointer);
    const title = cleanName(s.title);
    if (!title) {
      fail('the session has no title');
      continue;
    }
    const start = instantIn(s.startsAt, input.timeZone);
    if (start === null) {
      fail(
        s.startsAt == null
          ? 'the session has no date (not scheduled)'
          : `"startsAt" ${JSON.stringify(s.startsAt).slice(0, 40)} is not a date-time`,
      );
      continue;
    }
    if (instantWithOffset(s.startsAt) === null) warnings.add(`times without an offset, read in ${input.timeZone}`);
    const end = instantIn(s.endsAt, input.timeZone);
    const credits: TalkSpeakerFact[] = [];
    let broken: string | null = null;
    for (const ref of Array.isArray(s.speakers) ? s.speakers : []) {
      const speakerId = isObject(ref) ? String(ref.id) : String(ref);
      const known = speakers.get(speakerId);
      const inline = isObject(ref) ? cleanName(ref.name) : '';
      if (!known && !inline) {
        broken = badSpeakers.has(speakerId)
          ? `its speaker "${speakerId.slice(0, 100)}" has no name (${badSpeakers.get(speakerId)})`
          : `speaker id "${speakerId.slice(0, 100)}" is not among the speakers`;
        break;
      }
      credits.push(
        people.credit({
          name: known?.name ?? inline,
          bio: known?.bio,
          affiliation: known?.affiliation,
          externalIds: [{ source: SOURCE, id: speakerId }],
        }),
      );
    }
    if (broken) {
      fail(broken);
      continue;
    }
    const items = (Array.isArray(s.categoryItems) ? s.categoryItems : [])
      .map((c) => categories.get(String(c)))
      .filter((c) => c !== undefined);
    const format = items.find((c) => /format|type/i.test(c.category));
    const links = talkLinks([
      ...(typeof s.recordingUrl === 'string' ? [{ url: s.recordingUrl, title: 'Recording', type: 'video' }] : []),
      ...(Array.isArray(s.links)
        ? s.links.map((l) => (isObject(l) ? { url: l.url, title: l.title, type: l.linkType } : { url: null }))
        : []),
    ]);
    if (links.refused.length) warnings.add('links that are not http(s) URLs, left out');
    const kind: TalkKindValue = format ? talkKindOf(format.name) : 'TALK';
    talks.push({
      title,
      abstract: typeof s.description === 'string' && s.description.trim() ? s.description : null,
      kind,
      startsAt: isoInZone(start, input.timeZone),
      endsAt: end === null ? null : isoInZone(end, input.timeZone),
      slidesUrl: links.slidesUrl,
      videoUrl: links.videoUrl,
      links: links.links,
      speakers: credits,
      room: (s.roomId !== undefined && rooms.get(String(s.roomId))) || (typeof s.room === 'string' ? s.room : null),
      track: items.find((c) => /track/i.test(c.category))?.name ?? null,
      language: items.find((c) => /language/i.test(c.category))?.name ?? null,
      externalIds: [{ source: SOURCE, id }],
      at: { pointer },
    });
  }
  if (service) warnings.add(`${service} service session(s) (breaks, meals) are not talks and were left out`);
  const title = input.eventTitle ?? folderTitle(input.sourceUri);
  if (!input.eventTitle) warnings.add(`a Sessionize export names no event; titled "${title}" after its folder`);
  const starts = talks.map((t) => t.startsAt!).sort();
  const ends = talks.map((t) => t.endsAt ?? t.startsAt!).sort();
  return {
    ok: true,
    facts: {
      events: [
        {
          slug: scheduleSlug(title),
          title,
          community: input.community,
          startsAt: starts[0] ?? null,
          endsAt: ends[ends.length - 1] ?? null,
          timeZone: input.timeZone,
          talks,
          speakers: people.list(),
          at: { pointer: '' },
        },
      ],
    },
    warnings: warnings.list(),
    errors,
  };
}

function categoryItems(categories: unknown): Map<string, { category: string; name: string }> {
  const items = new Map<string, { category: string; name: string }>();
  if (!Array.isArray(categories)) return items;
  for (const c of categories) {
    if (!isObject(c) || !Array.isArray(c.items)) continue;
    for (const item of c.items)
      if (isObject(item) && typeof item.name === 'string') items.set(String(item.id), { category: String(c.title ?? ''), name: item.name });
  }
  return items;
}

/** The name of the folder a document sits in (or its file name without extension), as a title. */
function folderTitle(sourceUri: string): string {
  const parts = sourceUri.split('/').filter(Boolean);
  const name = parts.length > 1 ? parts[parts.length - 2] : (parts[0] ?? 'sessionize').replace(/\.[^.]+$/, '');
  return name.slice(0, 200);
}
