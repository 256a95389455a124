import { talksFromTimedHeadings } from './agenda-headings';
import { talksFromHtmlTables, talksFromMarkdownTables } from './agenda-tables';
import { EventFact, ProjectFact, SpeakerFact, TalkFact } from './event-facts';
import { readCity, readEventLinks, readFormat, readSeries, readVenue } from './event-fields';
import { eventSlugFromPath } from './event-slug';
import { readEventTime } from './event-time';
import { FrontMatterSplit } from './front-matter';
import { numberLines, PageLine, PageSection, splitSections } from './markdown-lines';
import { PersonLine } from './person-line';
import { pageProjects, PageProject } from './page-projects';
import { defaultProjectMatcher, ProjectMatcher } from './project-tagger';
import { RawTalk, rawTalk } from './raw-talk';
import { attachReplays } from './replay-links';
import { readSlideLinks } from './slide-links';
import { attributeSpeakers } from './speaker-attribution';
import { isHost, readGuestList } from './speaker-list';
import { findField, readSummaryFields } from './summary-fields';
import { mergeTalks } from './talk-merge';
import { talksFromSections } from './talk-sections';
import { cleanTalkTitle, titleSimilarity } from './talk-titles';

/** What the page extractor needs besides the page. */
export interface ExtractOptions {
  path: string;
  community: string;
  projects?: ProjectMatcher;
}

/** An event, a reason to skip the page, or the line that makes it unreadable. */
export type Extraction = { event: EventFact; warnings: string[]; projects: PageProject[] } | { skipped: string } | { line: number; reason: string };

/** Turns a page (front matter and body) into an event with its talks and speakers. */
export function extractEvent(page: FrontMatterSplit, frontMatterText: string, options: ExtractOptions): Extraction {
  if (/(^|[\\/])_index\.[^\\/]+$/.test(options.path)) return { skipped: 'section listing page (_index), not an event' };
  const data = page.data;
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  if (!title) return { line: 1, reason: 'front matter has no title' };
  const lines = numberLines(page.body, page.bodyLine);
  const sections = splitSections(lines);
  const fields = readSummaryFields(lines);
  const time = readEventTime(findField(fields, '活动时间', '直播时间'), data.date, keyLine(frontMatterText, 'date'));
  if ('invalid' in time) return { line: time.line, reason: time.invalid };
  if (!time.startsAt) return { skipped: time.warnings[0] };
  const projects = options.projects ?? defaultProjectMatcher();
  const place = findField(fields, '活动地点', '地点')?.value;
  const description = typeof data.description === 'string' ? data.description.trim() : null;
  const city = readCity(title, place, description);
  const series = readSeries(data.categories, title, options.community);
  const format = readFormat(findField(fields, '活动形式')?.value) ?? (place ? 'OFFLINE' : null);
  const talks = readTalks(lines, sections, fields.get('活动主题')?.value ?? title, format !== 'OFFLINE' && format !== 'HYBRID');
  const guests = readGuestList(sections).map((g) => g.person).filter((p) => !isHost(p));
  attributeSpeakers(talks, guests, projects);
  const videos = attachReplays(talks, sections);
  const created: ProjectFact[] = [];
  const event: EventFact = {
    slug: eventSlugFromPath(options.path),
    title,
    community: options.community,
    series,
    startsAt: time.startsAt,
    endsAt: time.endsAt,
    timeZone: 'Asia/Shanghai',
    format,
    city,
    venue: readVenue(place, city, page.body),
    description,
    coverUrl: typeof data.cover === 'string' ? data.cover : null,
    tags: (Array.isArray(data.tags) ? data.tags : []).filter((t): t is string => typeof t === 'string'),
    links: readEventLinks(lines),
    talks: talks.map((t) => ({ ...toTalkFact(t, guests, projects, created), videoUrl: videos.get(t) ?? null })),
    speakers: toSpeakerFacts(guests, talks, projects),
    at: { line: 1 },
  };
  return { event, warnings: time.warnings, projects: pageProjects(event, created, projects) };
}

function readTalks(lines: PageLine[], sections: PageSection[], theme: string, singleSession: boolean): RawTalk[] {
  const sectionAt = (line: number) => [...sections].reverse().find((s) => s.line <= line)?.heading ?? '';
  const talks = mergeTalks(
    [talksFromSections(lines, sectionAt), talksFromMarkdownTables(lines, sectionAt), talksFromHtmlTables(lines, sectionAt), talksFromTimedHeadings(sections)],
    readSlideLinks(lines),
  );
  const subject = themeSubject(theme, singleSession);
  // A single-talk session names its talk in its theme; when its agenda disagrees, the
  // agenda is the stale copy of an earlier page, so the theme wins.
  if (talks.length === 1 && subject && titleSimilarity(talks[0].title, subject) < 0.5 && talks[0].source === 'heading') talks[0].title = subject;
  if (talks.length > 0 || !subject) return talks;
  return [rawTalk(subject, 1, '活动主题', 'theme')];
}

// "SOFAChannel#35《Title》——X 社区" names one talk; so does "SOFAChannel#28:Title", but only
// for an online session: a meetup's numbered theme is the meetup's own name.
function themeSubject(theme: string, singleSession: boolean): string | null {
  const quoted = /《([^《》]+)》/.exec(theme);
  if (quoted) return cleanTalkTitle(quoted[1]);
  if (!singleSession) return null;
  const numbered = /#\s*\d+\s*[:：]?\s*(.+)$/.exec(theme);
  return numbered ? cleanTalkTitle(numbered[1].replace(/——.*$/, '')) || null : null;
}

function resolve(person: PersonLine, guests: PersonLine[]): PersonLine {
  return guests.find((g) => g.name === person.name || (g.alias !== null && (g.alias === person.name || g.alias === person.alias))) ?? person;
}

function toTalkFact(talk: RawTalk, guests: PersonLine[], projects: ProjectMatcher, created: ProjectFact[]): TalkFact {
  const speakers = talk.speakers.map((p) => resolve(p, guests));
  const tags = projects.tag({ title: talk.title, abstract: talk.abstract, links: talk.repositories });
  created.push(...tags.created);
  return {
    title: talk.title,
    abstract: talk.abstract,
    kind: talk.kind,
    slidesUrl: talk.slidesUrl,
    speakers: speakers.map((p) => ({ name: p.name, alias: p.alias, role: talk.kind === 'PANEL' ? 'PANELIST' : 'SPEAKER' })),
    projects: tags.projects,
    topics: tags.topics,
    at: { line: talk.line, section: talk.section },
  };
}

function toSpeakerFacts(guests: PersonLine[], talks: RawTalk[], projects: ProjectMatcher): SpeakerFact[] {
  const people: PersonLine[] = [];
  for (const person of [...guests, ...talks.flatMap((t) => t.speakers.map((p) => resolve(p, guests)))]) {
    const same = people.findIndex((p) => p.name === person.name || p.alias === person.name || (person.alias !== null && p.name === person.alias));
    // Keep the fuller description: one that knows both the real name and the alias.
    if (same < 0) people.push(person);
    else if (person.alias && person.name !== person.alias && !(people[same].alias && people[same].name !== people[same].alias)) people[same] = person;
  }
  return people.map((p) => ({
    name: p.name,
    alias: p.alias,
    title: p.about,
    affiliation: affiliationOf(p.about),
    projects: projects.find(p.about ?? '').map((project) => ({ project, role: roleOf(p.about ?? '') })),
  }));
}

function affiliationOf(about: string | null): string | null {
  const match = about ? /^(.*?(?:集团|公司|金服|电子云|腾讯云|阿里云|科技|银行|大学|研究院|网络))/.exec(about.split(/[，,、。]/)[0]) : null;
  return match ? match[1].trim() : null;
}

function roleOf(about: string): string | null {
  return /PPMC|PMC|Committer|Maintainer|负责人|发起人|核心成员|开发者|Contributor/i.exec(about)?.[0] ?? null;
}

function keyLine(frontMatterText: string, key: string): number {
  const index = frontMatterText.split(/\r?\n/).findIndex((l) => new RegExp(`^${key}\\s*[:=]`).test(l));
  return index < 0 ? 1 : index + 1;
}
