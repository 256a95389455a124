import { readFileSync } from 'fs';

/** What a schedule file itself says: one entry per talk (title and its people), and every person. */
export interface ScheduleTruth {
  /** `title | name, name` per talk, sorted. */
  talks: string[];
  /** Every person's name, once. */
  people: string[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const entry = (title: string, names: string[]) => `${squash(title)} | ${[...new Set(names.map(squash))].sort().join(', ')}`;
const truth = (talks: { title: string; names: string[] }[]): ScheduleTruth => ({
  talks: talks.map((t) => entry(t.title, t.names)).sort(),
  people: [...new Set(talks.flatMap((t) => t.names.map(squash)))].sort(),
});

function xmlText(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d) => String.fromCodePoint(+d))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The truth of a frab XML file, read with nothing but regular expressions over its `<event>` elements. */
export function frabTruth(path: string): ScheduleTruth {
  const text = readFileSync(path, 'utf8');
  const events = text
    .split(/<event\s/)
    .slice(1)
    .map((e) => e.slice(0, e.indexOf('</event>')));
  return truth(
    events.map((e) => ({
      title: xmlText(/<title>([^<]*)<\/title>/.exec(e)![1]),
      names: [...e.matchAll(/<person\b[^>]*>([^<]*)<\/person>/g)].map((m) => xmlText(m[1])),
    })),
  );
}

/** The truth of a schedule.json file (v1 tree or v2 flat), by walking its JSON. */
export function scheduleJsonTruth(path: string): ScheduleTruth {
  const schedule = JSON.parse(readFileSync(path, 'utf8')).schedule;
  const events: any[] = schedule.events ?? schedule.conference.days.flatMap((d: any) => Object.values(d.rooms).flat());
  const text = (v: any) => (typeof v === 'string' ? v : Object.values(v)[0]) as string;
  return truth(
    events.map((e) => ({ title: text(e.title), names: (e.persons ?? e.participants ?? []).map((p: any) => p.public_name ?? p.name) })),
  );
}

/** The truth of a Sessionize All.json: its sessions that are not service sessions, with their speakers' full names. */
export function sessionizeTruth(path: string): ScheduleTruth {
  const all = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  const names = new Map<string, string>(all.speakers.map((s: any) => [s.id, s.fullName]));
  return truth(
    all.sessions
      .filter((s: any) => !s.isServiceSession)
      .map((s: any) => ({ title: s.title, names: s.speakers.map((id: string) => names.get(id)!) })),
  );
}
