import type { SqlRunner } from '../../src/database/database';
import { personKey, titleKey } from '../../src/database/name-key';
import { Random } from './random';
import { vocabulary as v } from './vocabulary';

/** The size and seed of a synthetic dataset. */
export interface SyntheticOptions {
  events: number;
  /** Average talks per event; each event has between half and one and a half times this. */
  talksPerEvent: number;
  speakers: number;
  projects: number;
  seed: number;
}

/** The benchmark's 1× dataset: 2,000 events, about 20,000 talks, 5,000 speakers. */
export const DEFAULT_SYNTHETIC: SyntheticOptions = { events: 2000, talksPerEvent: 10, speakers: 5000, projects: 60, seed: 42 };

/** How many rows of each kind were written. */
export interface SyntheticCounts {
  communities: number;
  projects: number;
  aliases: number;
  events: number;
  talks: number;
  speakers: number;
  talkSpeakers: number;
  talkProjects: number;
  speakerProjects: number;
}

type Columns = Record<string, { type: string; values: unknown[] }>;

const CHUNK = 5000;

/**
 * Fills an empty, migrated database with a deterministic synthetic community graph: projects
 * with former names, events across years and cities, talks with one to three speakers and one
 * to three projects, speakers who recur across events. Popularity follows a power law, so a few
 * projects are covered by thousands of talks, like a flagship project is. Rows go in by bulk
 * `unnest` inserts with explicit keys; the sequences are moved past them afterwards.
 */
export async function writeSynthetic(sql: SqlRunner, options: SyntheticOptions): Promise<SyntheticCounts> {
  const random = new Random(options.seed);
  const communities = v.communities.slice(0, Math.max(1, Math.min(v.communities.length, Math.ceil(options.events / 500))));
  await insert(sql, 'community', {
    id: { type: 'int', values: communities.map((_, i) => i + 1) },
    slug: { type: 'text', values: communities.map((c) => c.slug) },
    name: { type: 'text', values: communities.map((c) => c.name) },
    url: { type: 'text', values: communities.map((c) => c.url) },
  });

  const projects = projectRows(random, options.projects, communities.length);
  await insert(sql, 'project', projects.rows);
  await insert(sql, 'project_alias', projects.aliases);

  const speakers = speakerRows(random, options.speakers);
  await insert(sql, 'speaker', speakers);

  const events = eventRows(
    random,
    options.events,
    communities.map((c) => c.slug),
  );
  await insert(sql, 'event', events.rows);

  const talks = talkRows(random, options, events.startsAt);
  await insert(sql, 'talk', talks.rows);
  // Standing roles: the most frequent speaker of each of the first projects maintains it.
  const roles = Math.min(options.projects, options.speakers);
  await withoutKeptOnWrite(sql, async () => {
    await insert(sql, 'talk_speaker', talks.speakers);
    await insert(sql, 'talk_project', talks.projects);
    await insert(sql, 'speaker_project', {
      speaker_id: { type: 'int', values: Array.from({ length: roles }, (_, i) => i + 1) },
      project_id: { type: 'int', values: Array.from({ length: roles }, (_, i) => i + 1) },
      role: { type: 'text', values: Array.from({ length: roles }, (_, i) => (i % 3 === 0 ? 'PMC member' : 'Maintainer')) },
    });
  });

  for (const table of ['community', 'project', 'project_alias', 'event', 'talk', 'speaker']) {
    await sql(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 1) FROM ${table}))`);
  }
  await sql('ANALYZE');
  return {
    communities: communities.length,
    projects: options.projects,
    aliases: projects.aliases.alias.values.length,
    events: options.events,
    talks: talks.rows.id.values.length,
    speakers: options.speakers,
    talkSpeakers: talks.speakers.talk_id.values.length,
    talkProjects: talks.projects.talk_id.values.length,
    speakerProjects: roles,
  };
}

function projectRows(random: Random, count: number, communities: number) {
  const rows: Columns = {
    id: { type: 'int', values: [] },
    slug: { type: 'text', values: [] },
    name: { type: 'text', values: [] },
    description: { type: 'text', values: [] },
    repository_url: { type: 'text', values: [] },
    community_id: { type: 'int', values: [] },
  };
  const aliases: Columns = {
    project_id: { type: 'int', values: [] },
    alias: { type: 'text', values: [] },
    key: { type: 'text', values: [] },
  };
  const stems = v.projectStems.length;
  for (let i = 0; i < count; i++) {
    const stem = v.projectStems[i % stems];
    const round = Math.floor(i / stems);
    const name =
      round === 0
        ? `Sofa${stem}`
        : `${v.projectPrefixes[(round - 1) % v.projectPrefixes.length]}${stem}${round > v.projectPrefixes.length ? round : ''}`;
    const slug = name.toLowerCase();
    rows.id.values.push(i + 1);
    rows.slug.values.push(slug);
    rows.name.values.push(name);
    rows.description.values.push(`${name}: an open-source ${random.pick(v.projectTopics)}.`);
    rows.repository_url.values.push(`https://github.com/example/${slug}`);
    rows.community_id.values.push(random.chance(0.7) ? (i % communities) + 1 : null);
    // A third of the projects were renamed once, a few twice: the former names are aliases.
    for (let a = 0; a < (i % 3 === 0 ? (i % 9 === 0 ? 2 : 1) : 0); a++) {
      const alias = `${name}${a === 0 ? 'Legacy' : 'Classic'}`;
      aliases.project_id.values.push(i + 1);
      aliases.alias.values.push(alias);
      aliases.key.values.push(alias.toLowerCase());
    }
  }
  return { rows, aliases };
}

function speakerRows(random: Random, count: number): Columns {
  const rows: Columns = {
    id: { type: 'int', values: [] },
    name: { type: 'text', values: [] },
    alias: { type: 'text', values: [] },
    name_key: { type: 'text', values: [] },
    affiliation: { type: 'text', values: [] },
    title: { type: 'text', values: [] },
    bio: { type: 'text', values: [] },
  };
  const given = v.givenNames.length;
  const combos = v.surnames.length * given * given;
  for (let i = 0; i < count; i++) {
    const k = i % combos;
    const base = `${v.surnames[Math.floor(k / (given * given))]} ${v.givenNames[Math.floor(k / given) % given]}${v.givenNames[k % given].toLowerCase()}`;
    const name = i < combos ? base : `${base} ${Math.floor(i / combos) + 1}`;
    const affiliation = random.pick(v.affiliations);
    rows.id.values.push(i + 1);
    rows.name.values.push(name);
    rows.alias.values.push(random.chance(0.3) ? `${random.pick(v.aliases)}${i}` : null);
    rows.name_key.values.push(personKey(name));
    rows.affiliation.values.push(affiliation);
    rows.title.values.push(random.pick(v.jobTitles));
    rows.bio.values.push(random.chance(0.5) ? `Works on distributed systems at ${affiliation}.` : null);
  }
  return rows;
}

function eventRows(random: Random, count: number, communities: string[]) {
  const rows: Columns = {
    id: { type: 'int', values: [] },
    slug: { type: 'text', values: [] },
    community_id: { type: 'int', values: [] },
    title: { type: 'text', values: [] },
    series: { type: 'text', values: [] },
    starts_at: { type: 'timestamptz', values: [] },
    ends_at: { type: 'timestamptz', values: [] },
    format: { type: 'text', values: [] },
    city: { type: 'text', values: [] },
    venue: { type: 'text', values: [] },
    description: { type: 'text', values: [] },
    tags: { type: 'text', values: [] },
    links: { type: 'text', values: [] },
  };
  const startsAt: number[] = [];
  const first = Date.UTC(2018, 0, 1);
  const span = Date.UTC(2026, 0, 1) - first;
  for (let i = 0; i < count; i++) {
    const community = i % communities.length;
    const series = random.pick(v.series);
    const online = series === 'Channel' || series === 'Webinar' || random.chance(0.1);
    const format = online ? 'ONLINE' : random.chance(0.5) ? 'HYBRID' : 'OFFLINE';
    const city = online ? null : random.pick(v.cities);
    // Afternoon sessions, 14:00 in Shanghai; whole minutes so every server prints the same instant.
    const day = Math.floor((random.next() * span) / 86_400_000);
    const start = first + day * 86_400_000 + 6 * 3_600_000;
    const number = Math.floor(i / communities.length) + 1;
    const name = v.communities[community].name;
    rows.id.values.push(i + 1);
    rows.slug.values.push(`${communities[community]}-${series.toLowerCase().replace(/\s+/g, '-')}-${number}`);
    rows.community_id.values.push(community + 1);
    rows.title.values.push(`${name} ${series}#${number}${city ? ` · ${city}` : ''}`);
    rows.series.values.push(`${name.split(' ')[0]}${series.replace(/\s+/g, '')}`);
    rows.starts_at.values.push(new Date(start).toISOString());
    rows.ends_at.values.push(new Date(start + 4 * 3_600_000).toISOString());
    rows.format.values.push(format);
    rows.city.values.push(city);
    rows.venue.values.push(city ? random.pick(v.venues) : null);
    rows.description.values.push(`Talks and demos from the ${name} community.`);
    rows.tags.values.push(`{${series.toLowerCase().replace(/\s+/g, '-')}}`);
    rows.links.values.push(
      JSON.stringify(random.chance(0.6) ? [{ kind: 'REPLAY', url: `https://video.example.org/${i + 1}`, title: 'Replay' }] : []),
    );
    startsAt.push(start);
  }
  return { rows, startsAt };
}

function talkRows(random: Random, options: SyntheticOptions, eventStarts: number[]) {
  const rows: Columns = {
    id: { type: 'int', values: [] },
    event_id: { type: 'int', values: [] },
    title: { type: 'text', values: [] },
    title_key: { type: 'text', values: [] },
    abstract: { type: 'text', values: [] },
    kind: { type: 'text', values: [] },
    starts_at: { type: 'timestamptz', values: [] },
    ends_at: { type: 'timestamptz', values: [] },
    slides_url: { type: 'text', values: [] },
    video_url: { type: 'text', values: [] },
    position: { type: 'int', values: [] },
  };
  const speakers: Columns = {
    talk_id: { type: 'int', values: [] },
    speaker_id: { type: 'int', values: [] },
    role: { type: 'text', values: [] },
    position: { type: 'int', values: [] },
  };
  const projects: Columns = { talk_id: { type: 'int', values: [] }, project_id: { type: 'int', values: [] } };
  const low = Math.max(1, Math.ceil(options.talksPerEvent / 2));
  const high = Math.max(low, Math.floor((options.talksPerEvent * 3) / 2));
  let id = 0;
  eventStarts.forEach((start, e) => {
    const talks = random.int(low, high);
    for (let position = 1; position <= talks; position++) {
      id++;
      const kind = position === 1 ? 'KEYNOTE' : random.chance(0.08) ? 'PANEL' : random.chance(0.05) ? 'WORKSHOP' : 'TALK';
      const covered = new Set<number>();
      const coverage = random.int(1, 3);
      while (covered.size < coverage) covered.add(random.skewed(options.projects, 2.2) + 1);
      const main = `Sofa${v.projectStems[([...covered][0] - 1) % v.projectStems.length]}`;
      const title = `${random.pick(v.titleVerbs)} ${main} ${random.pick(v.titleTopics)} (${e + 1}.${position})`;
      rows.id.values.push(id);
      rows.event_id.values.push(e + 1);
      rows.title.values.push(title);
      rows.title_key.values.push(titleKey(title));
      rows.abstract.values.push(`${random.pick(v.abstractSentences)} ${random.pick(v.abstractSentences)}`);
      rows.kind.values.push(kind);
      rows.starts_at.values.push(new Date(start + (position - 1) * 40 * 60_000).toISOString());
      rows.ends_at.values.push(new Date(start + ((position - 1) * 40 + 35) * 60_000).toISOString());
      rows.slides_url.values.push(random.chance(0.6) ? `https://slides.example.org/${id}.pdf` : null);
      rows.video_url.values.push(random.chance(0.5) ? `https://video.example.org/talk/${id}` : null);
      rows.position.values.push(position);
      const people = new Set<number>();
      const count = kind === 'PANEL' ? 3 : random.int(1, random.chance(0.7) ? 1 : 3);
      while (people.size < Math.min(count, options.speakers)) people.add(random.skewed(options.speakers, 1.4) + 1);
      [...people].forEach((speaker, i) => {
        speakers.talk_id.values.push(id);
        speakers.speaker_id.values.push(speaker);
        speakers.role.values.push(kind === 'PANEL' ? (i === 0 ? 'MODERATOR' : 'PANELIST') : 'SPEAKER');
        speakers.position.values.push(i + 1);
      });
      for (const project of covered) {
        projects.talk_id.values.push(id);
        projects.project_id.values.push(project);
      }
    }
  });
  return { rows, speakers, projects };
}

/**
 * The triggers that keep the tallies (migration ProjectTallies) and the talk cards (TalkCards) up
 * to date as links are written, by table. A bulk load turns them off and rebuilds both once at the
 * end: statement by statement, inside one transaction whose tables the planner still thinks empty,
 * a million talks' links took more than 20 minutes and would have taken far longer.
 */
const KEPT_ON_WRITE = {
  talk_speaker: ['talk_speaker_tallies_insert', 'talk_speaker_cards_insert'],
  talk_project: ['talk_project_tallies_insert', 'talk_project_cards_insert'],
  speaker_project: ['speaker_project_tally'],
};

async function withoutKeptOnWrite(sql: SqlRunner, load: () => Promise<void>): Promise<void> {
  const each = async (change: 'DISABLE' | 'ENABLE') => {
    for (const [table, triggers] of Object.entries(KEPT_ON_WRITE))
      for (const trigger of triggers) await sql(`ALTER TABLE ${table} ${change} TRIGGER ${trigger}`);
  };
  await each('DISABLE');
  await load();
  await each('ENABLE');
  await sql('SELECT tally_rebuild()');
  await sql('SELECT talk_cards_write(ARRAY(SELECT id FROM talk))');
}

async function insert(sql: SqlRunner, table: string, columns: Columns): Promise<void> {
  const names = Object.keys(columns);
  const total = columns[names[0]].values.length;
  for (let offset = 0; offset < total; offset += CHUNK) {
    const arrays = names.map((name) => columns[name].values.slice(offset, offset + CHUNK));
    const casts = names.map((name, i) => `$${i + 1}::${columns[name].type}[]`).join(', ');
    const select = names.map((name) => (name === 'tags' ? `${name}::text[]` : name === 'links' ? `${name}::jsonb` : name)).join(', ');
    await sql(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${select} FROM unnest(${casts}) AS x(${names.join(', ')})`, arrays);
  }
}
