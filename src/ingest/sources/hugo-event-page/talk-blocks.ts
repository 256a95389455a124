import {
  ABSTRACT_LABELS,
  BIO_LABELS,
  CLAIM_WORDS,
  labelled,
  mentionsAny,
  MODERATOR_LABELS,
  NOT_A_TITLE_WORDS,
  OUTLINE_HEADING_WORDS,
  PANEL_WORDS,
  PANELIST_LABELS,
  PAST_SECTION_WORDS,
  SECTION_WORDS,
  SPEAKER_LABELS,
  TITLE_LABELS,
} from './labels';
import { PageBlock } from './page-blocks';
import { PagePeople } from './page-people';
import { credit, PageTalk, pageTalk } from './page-talk';
import { isLikelyName, PersonMention, readPeople, readPerson } from './person-mention';
import { cleanTalkTitle, isHousekeeping } from './talk-titles';
import { isHost } from './guest-list';

const TIME_RANGE = /^(\d{1,2})[:：](\d{2}) ?[-–—~]+ ?(\d{1,2})[:：](\d{2}) ?(.*)$/;
const REPOSITORY = /^https?:\/\/(?:github\.com|gitee\.com)\/[\w.-]+\/[\w.-]+/;
const NAME_LINE_LENGTH = 40;
const ROLE = /公司|集团|工程师|专家|负责人|成员|架构师|总监|经理|创始人|研究员|开发者|PMC|Committer|Maintainer|Engineer|Lead/;
// How many blocks below a title its speaker block may stand, past the abstract.
const SPEAKER_LOOKAHEAD = 6;
// "活动时间：…", "资料下载：…": a field of the page, never a person ("唐博：示例公司专家…" is a bio).
const FIELD = /^([\p{Script=Han}A-Za-z ]{2,8})[:：]/u;

type Mode = 'speaker' | 'abstract' | 'none';

/** A title a block states, and how sure the block is that it names a talk. */
interface TitleBlock {
  talk: PageTalk;
  /** A 《title》, a timed agenda line or a labelled 议题: a talk by its shape alone. */
  firm: boolean;
  mode: Mode;
  by: PersonMention[];
  /** The title's heading level; 0 when it is not a heading. */
  level: number;
}

/** A person a block credits, found before or after the title it belongs to. */
interface Evidence {
  mention: PersonMention;
  role: 'SPEAKER' | 'MODERATOR';
}

interface Scope {
  title: TitleBlock | null;
  evidence: Evidence[];
  abstract: string[];
}

/**
 * Reads the talks a page states in its blocks, in any of the layouts pages use, by composing
 * small rules: a title block (a 《title》 heading or bold line, a timed agenda line
 * "19:00-19:50 Title [by Name]", a labelled "议题：Title", or a heading or bold line standing
 * next to a speaker block) opens a talk; a speaker block (a name line with an optional
 * affiliation, a labelled "嘉宾：…" line, a bio under 嘉宾简介) credits the nearest title — the
 * one above it, or the one below it on pages that put speakers before their titles; a panel's
 * moderator and panelists are credited with their roles. Headings that are not titles end a
 * run of talks.
 */
export function talksFromBlocks(blocks: PageBlock[], people: PagePeople): PageTalk[] {
  const talks: PageTalk[] = [];
  let group: Scope[] = [{ title: null, evidence: [], abstract: [] }];
  const closeGroup = () => {
    talks.push(...bindGroup(group, people));
    group = [{ title: null, evidence: [], abstract: [] }];
  };
  let mode: Mode = 'none';
  let pendingName: PersonMention | null = null;
  // The person a name line or heading right before this block names, when nothing credited them yet.
  let unclaimed: PersonMention | null = null;
  // The level of the heading of a section of past events or further reading, while in it.
  let pastLevel: number | null = null;
  // Set by a title label standing alone ("**分享主题：**"): the next line is the title.
  let titleNext = false;
  // A name line whose role line and then a title follow it: the person of the title below.
  let held: PersonMention | null = null;
  blocks.forEach((block, i) => {
    const before = unclaimed;
    unclaimed = null;
    const labelledTitle = titleNext;
    titleNext = false;
    if (block.kind === 'row') return;
    if (held) {
      unclaimed = { ...held, about: held.about ?? block.text.trim() };
      held = null;
      return;
    }
    const pair = pairAboveTitle(blocks, i);
    if (pair) {
      held = pair;
      return;
    }
    if (block.kind === 'heading' && pastLevel !== null && block.level <= pastLevel) pastLevel = null;
    if (block.kind === 'heading' && pastLevel === null && mentionsAny(block.text, PAST_SECTION_WORDS)) {
      closeGroup();
      mode = 'none';
      pendingName = null;
      pastLevel = block.level;
    }
    if (pastLevel !== null) return;
    const scope = group[group.length - 1];
    const title = labelledTitle ? (labelledTitleOf(block) ?? titleOf(block, blocks, i)) : titleOf(block, blocks, i);
    if (title === 'housekeeping') {
      group.push({ title: null, evidence: [], abstract: [] });
      mode = 'none';
      return;
    }
    if (title) {
      // Speaker first: "**Name Company Role**" (or "#### Name | Company") right above its title.
      if (before && title.by.length === 0) title.by = [before];
      group.push({ title, evidence: [], abstract: [] });
      mode = title.mode;
      pendingName = null;
      return;
    }
    const talk = scope.title?.talk;
    // A label heading ("#### 嘉宾介绍") goes on with a talk whose title is a heading above it.
    const subHeading = talk !== undefined && scope.title!.level > 0 && block.level > scope.title!.level && isLabel(block.text);
    if (block.kind === 'heading' && !subHeading) {
      // An outline heading under a timed agenda heading goes on with its talk.
      if (talk && talk.source === 'timed' && mentionsAny(block.text, OUTLINE_HEADING_WORDS)) {
        mode = 'abstract';
        return;
      }
      closeGroup();
      mode = 'none';
      pendingName = null;
      unclaimed = nameLine(block.text);
      return;
    }
    for (const link of block.links) if (talk && REPOSITORY.test(link.url)) talk.repositories.push(REPOSITORY.exec(link.url)![0]);
    // A bare repository URL on a line of its own under the talk ("**项目地址**" then the URL).
    const bare = REPOSITORY.exec(block.text.trim());
    if (talk && bare && block.links.length === 0) talk.repositories.push(bare[0]);
    if (talk && !talk.slidesUrl) talk.slidesUrl = block.links.find((l) => /\.pdf$/i.test(l.url))?.url ?? null;
    const text = block.text.replace(/^\| ?/, '');
    if (!text) return;
    titleNext = block.kind === 'line' && labelled(text, TITLE_LABELS)?.value === '';
    const evidenceBefore = scope.evidence.length;
    const moderator = labelled(text, MODERATOR_LABELS);
    const speaker = labelled(text, PANELIST_LABELS) ?? labelled(text, SPEAKER_LABELS);
    const bio = labelled(text, BIO_LABELS);
    const abstract = labelled(text, ABSTRACT_LABELS);
    if (moderator) {
      if (talk?.kind === 'PANEL') for (const m of readPeople(moderator.value)) scope.evidence.push({ mention: m, role: 'MODERATOR' });
      mode = 'none';
    } else if (speaker) {
      for (const m of readPeople(speaker.value)) scope.evidence.push({ mention: m, role: 'SPEAKER' });
      mode = 'speaker';
    } else if (bio) {
      const named = pendingName ?? (bio.value ? readPerson(bio.value) : null);
      if (named) scope.evidence.push({ mention: named, role: 'SPEAKER' });
      mode = bio.value || named ? 'none' : 'speaker';
    } else if (abstract) {
      mode = 'abstract';
      if (abstract.value) scope.abstract.push(abstract.value);
    } else if (mode === 'speaker' && block.bold && text.length <= NAME_LINE_LENGTH && !isLabel(text) && readPerson(text)) {
      scope.evidence.push({ mention: readPerson(text)!, role: 'SPEAKER' });
    } else if (isLabel(text) || (block.bold && block.kind === 'line') || isField(text)) {
      mode = 'none';
    } else if (mode === 'speaker') {
      const people = readPeople(text);
      const lead = people.length === 0 && scope.evidence.length === 0 ? bioLead(text) : null;
      for (const m of lead ? [lead] : people) scope.evidence.push({ mention: m, role: 'SPEAKER' });
    } else if (mode === 'abstract') {
      scope.abstract.push(text);
    }
    pendingName = !speaker && !bio && text.length <= NAME_LINE_LENGTH ? readPerson(text) : null;
    if (scope.evidence.length === evidenceBefore && !speaker && !bio && !moderator && block.bold) unclaimed = nameLine(text);
  });
  closeGroup();
  return talks;
}

// Credits each title with its evidence: the evidence after it, or, when the run opens with
// evidence and its last title has none after it, the evidence before it.
function bindGroup(scopes: Scope[], people: PagePeople): PageTalk[] {
  // A mention with both a real name and an alias ("靳某（花名甲乙）") names that person
  // wherever it stands, so a talk credited to the alias alone gets the real name too.
  for (const scope of scopes)
    for (const e of scope.evidence) if (e.mention.alias && e.mention.alias !== e.mention.name) people.mention(e.mention);
  const group = firmOnly(scopes);
  const titled = group.filter((s) => s.title);
  if (titled.length === 0) return [];
  const before = group[0].evidence;
  const last = titled[titled.length - 1];
  const speakersFirst = before.length > 0 && last.evidence.length === 0 && titled.every((s) => s.title!.by.length === 0);
  const talks: PageTalk[] = [];
  let carried: Evidence[] = before;
  for (const scope of group.slice(1)) {
    if (!scope.title) {
      carried = [];
      continue;
    }
    const { talk, firm, by } = scope.title;
    const evidence = speakersFirst ? carried : scope.evidence;
    carried = scope.evidence;
    for (const mention of by) credit(talk, people.mention(mention));
    for (const e of evidence) if (e.role === 'MODERATOR' || !isHost(e.mention)) credit(talk, people.mention(e.mention), e.role);
    talk.abstract = scope.abstract.join('\n') || talk.abstract;
    if (firm || talk.credits.length > 0) talks.push(talk);
  }
  return talks;
}

// Where a run has titles that are talks by their shape, a heading or bold line next to a
// speaker block is the run's own heading, not a talk: its part joins the part before it.
function firmOnly(group: Scope[]): Scope[] {
  if (!group.some((s) => s.title?.firm)) return group;
  const kept: Scope[] = [];
  for (const scope of group) {
    const previous = kept[kept.length - 1];
    if (previous && scope.title && !scope.title.firm) {
      previous.evidence.push(...scope.evidence);
      previous.abstract.push(...scope.abstract);
    } else kept.push(scope);
  }
  return kept;
}

// The line under a title label that stands alone: the title, whatever its shape.
function labelledTitleOf(block: PageBlock): TitleBlock | null {
  if (block.kind !== 'line' || block.text.length > 120 || readPerson(block.text)) return null;
  const title = cleanTalkTitle(block.text);
  if (!title || isHousekeeping(title)) return null;
  return { talk: pageTalk(title, block.line, block.section, 'block'), firm: true, mode: 'none', by: [], level: 0 };
}

function titleOf(block: PageBlock, blocks: PageBlock[], at: number): TitleBlock | 'housekeeping' | null {
  if (block.kind === 'row') return null;
  const text = block.text.replace(/^\| ?/, '').replace(/^[一二三四五六七八九十\d]{1,3}[、.．] ?/, '');
  const standalone = block.kind === 'heading' || block.bold;
  const timed = standalone ? TIME_RANGE.exec(text) : null;
  if (timed) {
    const byAt = timed[5].lastIndexOf(' by ');
    const title = cleanTalkTitle(byAt >= 0 ? timed[5].slice(0, byAt) : timed[5]).replace(/^(开场演讲|主题演讲|Keynote)[:：]? ?/i, '');
    if (!title) return null;
    if (isHousekeeping(title)) return 'housekeeping';
    const talk = pageTalk(title, block.line, block.section, 'timed');
    talk.startsAt = `${timed[1].padStart(2, '0')}:${timed[2]}`;
    talk.endsAt = `${timed[3].padStart(2, '0')}:${timed[4]}`;
    const by = byAt >= 0 ? readPeople(timed[5].slice(byAt + 4)) : [];
    return { talk, firm: true, mode: by.length ? 'abstract' : 'speaker', by, level: block.level };
  }
  // A 《title》 that is a link's text is a slide or recording link, read with the links.
  const quoted = block.links.some((l) => l.text.includes('《')) ? null : quotedTitle(text, standalone || block.item || standsAsTitle(text));
  if (quoted) {
    if (isHousekeeping(quoted.title)) return 'housekeeping';
    const talk = pageTalk(quoted.title, block.line, block.section, 'block');
    if (quoted.panel) talk.kind = 'PANEL';
    return {
      talk,
      firm: true,
      mode: 'speaker',
      by: quoted.by,
      level: block.level,
    };
  }
  // "议题：Title" as a line or as a heading ("### 分享主题：Title"): the label is not the title.
  const label = block.kind === 'line' || block.kind === 'heading' ? labelled(text, TITLE_LABELS) : null;
  if (label && label.value) {
    const title = cleanTalkTitle(label.value);
    return title && !isHousekeeping(title)
      ? { talk: pageTalk(title, block.line, block.section, 'block'), firm: true, mode: 'none', by: [], level: block.level }
      : null;
  }
  if (
    !standalone ||
    isLabel(text) ||
    isSectionName(text) ||
    mentionsAny(text, NOT_A_TITLE_WORDS) ||
    text.length < 4 ||
    text.length > 80 ||
    readPerson(text)
  )
    return null;
  if (!speakerNear(blocks, at)) return null;
  const title = cleanTalkTitle(text);
  // "### Title" with "名字，公司职位" on the next line: that line is its speaker.
  const below = block.kind === 'heading' ? speakerLineBelow(blocks, at) : null;
  return title && !isHousekeeping(title)
    ? { talk: pageTalk(title, block.line, block.section, 'block'), firm: false, mode: 'none', by: below ? [below] : [], level: block.level }
    : null;
}

// "《Title》", "圆桌环节-《Title》", "SOFAChannel#3：《Title》", "6 月 5 日《Title》 嘉宾：张三": one
// title in 《》 with at most a short label before it and a speaker after it.
function quotedTitle(text: string, standalone: boolean): { title: string; by: PersonMention[]; panel: boolean } | null {
  const open = text.indexOf('《');
  const close = text.indexOf('》', open + 1);
  if (open < 0 || close < 0 || text.indexOf('《', open + 1) >= 0) return null;
  const prefix = text.slice(0, open).trim();
  const suffix = text.slice(close + 1).trim();
  if (prefix.length > 24 || /[。，,]/.test(prefix) || mentionsAny(prefix, CLAIM_WORDS)) return null;
  if (!standalone) return null;
  // "活动主题：《…》" states the event's theme, which the page reader reads on its own.
  if (/[:：]$/.test(prefix) && !prefix.includes('#') && !/圆桌|panel/i.test(prefix) && !labelled(prefix, TITLE_LABELS)) return null;
  const by = suffix ? readPeople(suffix.replace(/^[-–—|:：\s]+/, '')) : [];
  if (suffix && by.length === 0) return null;
  const title = cleanTalkTitle(text.slice(open, close + 1));
  if (!title) return null;
  // "圆桌环节-《Title》": the label makes it a panel, the title is what the 《》 hold.
  return { title, by, panel: /圆桌|panel/i.test(prefix) };
}

// A plain line that is nothing but a 《title》, after an agenda time or a panel label at most
// ("《Title》", "13:30-14:15《Title》", "15:20-16:00 圆桌环节《Title》"): a title by its shape,
// bold or not. A 《book》 inside a sentence is not.
function standsAsTitle(text: string): boolean {
  const timed = TIME_RANGE.exec(text);
  const rest = (timed ? timed[5] : text).trim();
  const open = rest.indexOf('《');
  if (open < 0 || !rest.endsWith('》') || rest.indexOf('《', open + 1) >= 0) return false;
  const label = rest.slice(0, open).trim();
  return label === '' || (label.length <= 8 && mentionsAny(label, PANEL_WORDS));
}

// "王某\n示例公司 技术专家\n《Title》": a line with a name alone, then a line with a role alone,
// right above a title, stand for that title's speaker (pages that put speakers first).
function pairAboveTitle(blocks: PageBlock[], at: number): PersonMention | null {
  const [name, role, next] = [blocks[at], blocks[at + 1], blocks[at + 2]];
  if (!name || !role || !next || name.kind !== 'line' || role.kind !== 'line') return null;
  const person = name.text.length <= NAME_LINE_LENGTH && !isLabel(name.text) ? readPerson(name.text) : null;
  if (!person || person.about !== null) return null;
  const roleText = role.text.trim();
  if (roleText.length > NAME_LINE_LENGTH || !ROLE.test(roleText) || readPerson(roleText) || roleText.includes('《')) return null;
  const title = titleOf(next, blocks, at + 2);
  return title && title !== 'housekeeping' && title.firm ? person : null;
}

// Whether a speaker block stands right below (or, on speaker-first pages, right above) a block.
function speakerNear(blocks: PageBlock[], at: number): boolean {
  const isSpeaker = (i: number) => {
    const block = blocks[i];
    if (!block || block.kind !== 'line') return false;
    if (labelled(block.text, SPEAKER_LABELS) || labelled(block.text, PANELIST_LABELS)) return true;
    const next = blocks[i + 1];
    const bioFollows = next !== undefined && next.kind !== 'row' && labelled(next.text, BIO_LABELS) !== null;
    return (
      (labelled(block.text, BIO_LABELS) !== null && readPerson(block.text) !== null) ||
      (bioFollows && block.text.length <= NAME_LINE_LENGTH && readPerson(block.text) !== null)
    );
  };
  if (isSpeaker(at - 1) || isSpeaker(at - 2)) return true;
  // A heading with a person and their affiliation right under it.
  if (blocks[at].kind === 'heading' && speakerLineBelow(blocks, at) !== null) return true;
  // Below it, past an abstract of a few paragraphs, up to the next heading or bold line.
  for (let i = at + 1; i <= at + SPEAKER_LOOKAHEAD && i < blocks.length; i++) {
    if (isSpeaker(i)) return true;
    if (blocks[i].kind === 'heading' || blocks[i].bold) return false;
  }
  return false;
}

// "梁某某，示例公司研发工程师，示例项目 PMC" right under a heading: a person with a role, not a sentence.
function speakerLineBelow(blocks: PageBlock[], at: number): PersonMention | null {
  const next = blocks[at + 1];
  const person = next?.kind === 'line' ? nameLine(next.text) : null;
  return person && ROLE.test(person.about ?? '') && next.text.startsWith(person.name) ? person : null;
}

// A bio that opens with the name in a sentence: "吕某某是示例公司的技术专家…", "孙某现任…".
function bioLead(text: string): PersonMention | null {
  const lead = /^(\p{Script=Han}{2,3})(?=是|现任|现为|目前|任职|就职|曾任|毕业)/u.exec(text);
  return lead && isLikelyName(lead[1]) ? { name: lead[1], alias: null, about: text.slice(lead[1].length) } : null;
}

// A short line that is nothing but a person with where they work: "周九 示例公司 资深工程师",
// "陈七 | 示例公司 专家"; a bare word ("议程") is too weak to credit a title with.
function nameLine(text: string): PersonMention | null {
  const person = text.length <= NAME_LINE_LENGTH && !isLabel(text) ? readPerson(text.replace(/ ?\| ?/g, ' ')) : null;
  return person && person.about !== null ? person : null;
}

function isField(text: string): boolean {
  const field = FIELD.exec(text);
  return field !== null && !isLikelyName(field[1].trim());
}

function isLabel(text: string): boolean {
  return (
    /^[^，。]{1,12}[:：]$/.test(text) ||
    /^「[^」]{1,20}」$/.test(text) ||
    labelled(text, [...BIO_LABELS, ...SPEAKER_LABELS, ...ABSTRACT_LABELS, ...MODERATOR_LABELS, ...PANELIST_LABELS]) !== null
  );
}

function isSectionName(text: string): boolean {
  return SECTION_WORDS.some((word) => text === word || (text.startsWith(word) && text.length <= word.length + 6)) || /#\s?\d/.test(text);
}
