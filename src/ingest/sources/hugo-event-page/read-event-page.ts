import { EventFact, EventFormatValue, ProjectFact, SpeakerFact, TalkFact } from '../../event-facts';
import { readCity, readEventLinks, readFormat, readSeries, readVenue } from '../../event-fields';
import { eventSlugFromPath } from '../../event-slug';
import { readEventTime } from '../../event-time';
import { FrontMatterSplit } from '../../front-matter';
import { PageProject, pageProjects } from '../../page-projects';
import { defaultProjectMatcher, ProjectMatcher } from '../../project-tagger';
import { findField, readSummaryFields } from '../../summary-fields';
import { isTimeZone } from '../zoned-time';
import { talksFromTables } from './agenda-tables';
import { readGuestList } from './guest-list';
import { PageBlock, readBlocks } from './page-blocks';
import { PagePeople, PagePerson } from './page-people';
import { PageTalk, pageTalk } from './page-talk';
import { attachReplays } from './replay-links';
import { readSlideLinks } from './slide-links';
import { attributeSpeakers } from './speaker-attribution';
import { affiliationOf, standingRoleOf } from './speaker-about';
import { talksFromBlocks } from './talk-blocks';
import { mergeTalks } from './talk-merge';
import { cleanTalkTitle, titleSimilarity } from './talk-titles';

/** What the page reader needs besides the page. */
export interface ReadOptions {
  path: string;
  community: string;
  /** IANA zone of the page's community: its times are read in it unless the front matter names another. */
  timeZone: string;
  projects?: ProjectMatcher;
}

/** An event, a reason to skip the page, or the line that makes it unreadable. */
export type EventPageReading =
  { event: EventFact; warnings: string[]; projects: PageProject[] } | { skipped: string } | { line: number; reason: string };

/**
 * Reads a Hugo event page (front matter and markdown body) into an event with its talks and
 * speakers: the body is read as blocks (headings, lines, list items, tables, HTML), talks
 * come from agenda tables, title blocks with their speaker blocks, and slide lists, and every
 * mention of a person on the page is one speaker.
 */
export function readEventPage(page: FrontMatterSplit, frontMatterText: string, options: ReadOptions): EventPageReading {
  if (/(^|[\\/])_index\.[^\\/]+$/.test(options.path)) return { skipped: 'section listing page (_index), not an event' };
  const data = page.data;
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  if (!title) return { line: 1, reason: 'front matter has no title' };
  const blocks = readBlocks(page.body, page.bodyLine);
  const fields = readSummaryFields(blocks.filter((b) => b.kind === 'line'));
  const zone = pageTimeZone(data, options.timeZone);
  if ('invalid' in zone) return { line: keyLine(frontMatterText, zone.key), reason: zone.invalid };
  const time = readEventTime(findField(fields, '活动时间', '直播时间'), data.date, keyLine(frontMatterText, 'date'), zone.timeZone);
  if ('invalid' in time) return { line: time.line, reason: time.invalid };
  if (!time.startsAt) return { skipped: time.warnings[0] };
  const projects = options.projects ?? defaultProjectMatcher();
  const place = findField(fields, '活动地点', '地点')?.value;
  const description = typeof data.description === 'string' ? data.description.trim() : null;
  const city = readCity(title, place, description);
  const series = readSeries(data.categories, title, options.community);
  const format = readFormat(findField(fields, '活动形式')?.value) ?? (place ? 'OFFLINE' : null);
  const people = new PagePeople();
  const talks = readTalks(blocks, people, fields.get('活动主题')?.value ?? title, format);
  const guests = readGuestList(blocks, people);
  attributeSpeakers(talks, guests, projects);
  const videos = attachReplays(talks, blocks);
  const created: ProjectFact[] = [];
  const event: EventFact = {
    slug: eventSlugFromPath(options.path),
    title,
    community: options.community,
    series,
    startsAt: time.startsAt,
    endsAt: time.endsAt,
    timeZone: zone.timeZone,
    format,
    city,
    venue: readVenue(place, city, page.body),
    description,
    coverUrl: typeof data.cover === 'string' ? data.cover : null,
    tags: (Array.isArray(data.tags) ? data.tags : []).filter((t): t is string => typeof t === 'string'),
    links: readEventLinks(blocks),
    talks: talks.map((t) => ({ ...toTalkFact(t, projects, created), videoUrl: videos.get(t) ?? null })),
    speakers: toSpeakerFacts(people, guests, talks, projects),
    at: { line: 1 },
  };
  return { event, warnings: time.warnings, projects: pageProjects(event, created, projects) };
}

function readTalks(blocks: PageBlock[], people: PagePeople, theme: string, format: EventFormatValue | null): PageTalk[] {
  const singleSession = format !== 'OFFLINE' && format !== 'HYBRID';
  const talks = mergeTalks([talksFromBlocks(blocks, people), talksFromTables(blocks, people)], readSlideLinks(blocks));
  const subject = themeSubject(theme, singleSession);
  // A single-talk session names its talk in its theme; when its agenda disagrees, the
  // agenda is the stale copy of an earlier page, so the theme wins.
  if (talks.length === 1 && subject && format === 'ONLINE' && titleSimilarity(talks[0].title, subject) < 0.5) talks[0].title = subject;
  if (talks.length > 0 || !subject) return talks;
  return [pageTalk(subject, 1, '活动主题', 'theme')];
}

// "SOFAChannel#35《Title》——X 社区" names one talk; so does "SOFAChannel#28:Title", but only
// for an online session: a meetup's numbered theme is the meetup's own name.
function themeSubject(theme: string, singleSession: boolean): string | null {
  const quoted = /《([^《》]+)》/.exec(theme);
  if (quoted) return cleanTalkTitle(quoted[1]);
  if (!singleSession) return null;
  const numbered = numberedTitle(theme);
  return numbered ? cleanTalkTitle(numbered) || null : null;
}

/**
 * What follows the first "#<number>" of a theme's last line, past a colon and spaces ("SOFAChannel#28：Title" →
 * "Title"). By hand: `#\s*\d+\s*[:：]?\s*(.+)$` rescanned the rest from every "#".
 */
function numberedTitle(theme: string): string | null {
  const lastLine = theme.split(/[\n\r\u2028\u2029]/).pop()!;
  const hash = /#\s*\d+/.exec(lastLine);
  if (!hash) return null;
  const rest = lastLine.slice(hash.index + hash[0].length).replace(/^\s*[:：]?\s*/, '');
  return rest || null;
}

// The one place a talk is tagged with projects and topics: its title, abstract and linked
// repositories; projects made from those links are collected in `created`.
function toTalkFact(talk: PageTalk, projects: ProjectMatcher, created: ProjectFact[]): TalkFact {
  const tags = projects.tag({ title: talk.title, abstract: talk.abstract, links: talk.repositories });
  created.push(...tags.created);
  return {
    title: talk.title,
    abstract: talk.abstract,
    kind: talk.kind,
    slidesUrl: talk.slidesUrl,
    speakers: talk.credits.map((c) => ({ name: c.person.name, alias: c.person.alias, role: c.role })),
    projects: tags.projects,
    topics: tags.topics,
    at: { line: talk.line, section: talk.section },
  };
}

function toSpeakerFacts(people: PagePeople, guests: PagePerson[], talks: PageTalk[], projects: ProjectMatcher): SpeakerFact[] {
  const credited = new Set([...guests, ...talks.flatMap((t) => t.credits.map((c) => c.person))]);
  return people
    .all()
    .filter((p) => credited.has(p))
    .map((p) => ({
      name: p.name,
      alias: p.alias,
      title: p.about,
      affiliation: affiliationOf(p.about),
      projects: projects.find(p.about ?? '').map((project) => ({ project, role: standingRoleOf(p.about ?? '') })),
    }));
}

// A page may name its own zone (`timezone: Europe/Berlin`) for an event held elsewhere; a
// zone the runtime does not know makes the page unreadable rather than silently shifted.
function pageTimeZone(data: Record<string, unknown>, communityZone: string): { timeZone: string } | { invalid: string; key: string } {
  const key = ['timezone', 'timeZone', 'time_zone'].find((k) => data[k] !== undefined && data[k] !== null && data[k] !== '');
  if (key === undefined) return { timeZone: communityZone };
  const value = data[key];
  if (!isTimeZone(value))
    return {
      invalid: `front matter ${key} ${JSON.stringify(String(value)).slice(0, 80)} is not an IANA time zone (e.g. Asia/Shanghai)`,
      key,
    };
  return { timeZone: value };
}

function keyLine(frontMatterText: string, key: string): number {
  const index = frontMatterText.split(/\r?\n/).findIndex((l) => new RegExp(`^${key}\\s*[:=]`).test(l));
  return index < 0 ? 1 : index + 1;
}
