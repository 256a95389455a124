import { TalkFact } from '../../src/ingest/event-facts';

/** One talk as the gold set records it. */
export interface GoldTalk {
  title: string;
  alternativeTitles?: string[];
  /** Names or aliases of the people who gave it. */
  speakers: string[];
  projects: string[];
}

/** Running counts behind the gold-set scores. */
export interface GoldTally {
  goldTalks: number;
  extractedTalks: number;
  matchedTalks: number;
  speakerRefs: number;
  speakerHits: number;
  projectTp: number;
  projectFp: number;
  projectFn: number;
}

/** An empty tally. */
export function emptyTally(): GoldTally {
  return { goldTalks: 0, extractedTalks: 0, matchedTalks: 0, speakerRefs: 0, speakerHits: 0, projectTp: 0, projectFp: 0, projectFn: 0 };
}

/** Normalizes a title for matching: no surrounding quotes or 《》, no whitespace or punctuation. */
export function normalizeTitle(title: string): string {
  return title
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Scores one page's extracted talks against its gold talks into the tally; returns misses for the log. */
export function scorePage(gold: GoldTalk[], extracted: TalkFact[], tally: GoldTally): string[] {
  const notes: string[] = [];
  const free = [...extracted];
  tally.goldTalks += gold.length;
  tally.extractedTalks += extracted.length;
  for (const talk of gold) {
    const keys = [talk.title, ...(talk.alternativeTitles ?? [])].map(normalizeTitle);
    const at = free.findIndex((t) => keys.includes(normalizeTitle(t.title)));
    if (at < 0) {
      notes.push(`missed talk "${talk.title}"`);
      continue;
    }
    const [found] = free.splice(at, 1);
    tally.matchedTalks++;
    scoreSpeakers(talk, found, tally, notes);
    scoreProjects(talk, found, tally, notes);
  }
  for (const extra of free) notes.push(`extra talk "${extra.title}"`);
  return notes;
}

function scoreSpeakers(gold: GoldTalk, found: TalkFact, tally: GoldTally, notes: string[]): void {
  const people = found.speakers ?? [];
  const hits = gold.speakers.filter((s) => people.some((p) => p.name === s || p.alias === s)).length;
  const extras = people.filter((p) => !gold.speakers.some((s) => p.name === s || p.alias === s)).length;
  tally.speakerRefs += gold.speakers.length + extras;
  tally.speakerHits += hits;
  if (hits < gold.speakers.length || extras)
    notes.push(`speakers of "${gold.title}": want ${gold.speakers.join(',')} got ${people.map((p) => p.alias ?? p.name).join(',')}`);
}

/** A project slug for comparison: '-' ignored, so a vocabulary that writes `kata-containers` or `katacontainers` names one project. */
export function projectKey(slug: string): string {
  return slug.toLowerCase().replace(/-/g, '');
}

function scoreProjects(gold: GoldTalk, found: TalkFact, tally: GoldTally, notes: string[]): void {
  const got = new Set((found.projects ?? []).map(projectKey));
  const want = new Set(gold.projects.map(projectKey));
  const tp = [...got].filter((p) => want.has(p)).length;
  tally.projectTp += tp;
  tally.projectFp += got.size - tp;
  tally.projectFn += want.size - tp;
  if (tp !== got.size || tp !== want.size) notes.push(`projects of "${gold.title}": want ${[...want]} got ${[...got]}`);
}

/** The four scores the gold test asserts on. */
export function scores(t: GoldTally): { recall: number; precision: number; attribution: number; projectF1: number } {
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const p = ratio(t.projectTp, t.projectTp + t.projectFp);
  const r = ratio(t.projectTp, t.projectTp + t.projectFn);
  return {
    recall: ratio(t.matchedTalks, t.goldTalks),
    precision: ratio(t.matchedTalks, t.extractedTalks),
    attribution: ratio(t.speakerHits, t.speakerRefs),
    projectF1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
  };
}
