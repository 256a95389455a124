import { SEARCH_CANDIDATES_PER_KIND } from '../src/search/search.query';
import { typedId } from './canonical';

/** Values the scenarios ask about, read from the benchmark database before timing. */
export interface BenchSubjects {
  /** Slug of the project the most talks covered. */
  project: string;
  /** Slug of the latest of the events with the longest agenda. */
  event: string;
  /** Words of the text search. */
  search: string;
  /** Database keys of the `node` lookups, by type. */
  nodes: { type: 'Talk' | 'Speaker' | 'Event'; id: number }[];
}

/** One request of one server: a GraphQL operation, or the raw server's scenario path and variables. */
export interface BenchRequest {
  body: string;
}

/** A question a dashboard or user sends, as each server is asked it. */
export interface Scenario {
  name: string;
  title: string;
  /** Whether the answer is one page of a longer list (its latency should not grow with the data). */
  paginated: boolean;
  ours: (s: BenchSubjects) => { query: string; variables: Record<string, unknown> };
  /** Maps eventgraph's `data` to the canonical answer. */
  oursAnswer: (data: any) => unknown;
  postgraphile: (s: BenchSubjects) => { query: string; variables: Record<string, unknown> };
  /** Maps PostGraphile's `data` to the canonical answer. */
  postgraphileAnswer: (data: any) => unknown;
  /** One hand-written statement that returns eventgraph's whole response body as JSON text (written for the subjects where its shape depends on them). */
  raw: { sql: string | ((s: BenchSubjects) => string); params: (s: BenchSubjects) => unknown[] };
}

/** SQL for eventgraph's opaque global ID of `type` with key `key` (base64url of `Type:key`). */
export const gid = (type: string, key: string) =>
  `rtrim(translate(encode(convert_to('${type}:' || ${key}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;

const POSTGRAPHILE_TYPES = { Talk: 'talks', Speaker: 'speakers', Event: 'events' } as const;

/** PostGraphile's node ID of a row: base64 of `["talks", 42]`. */
function postgraphileNodeId(type: keyof typeof POSTGRAPHILE_TYPES, id: number): string {
  return Buffer.from(JSON.stringify([POSTGRAPHILE_TYPES[type], id])).toString('base64');
}

/** The words of a search, as eventgraph splits them: case-folded, at most 8. */
function searchWords(search: string): string[] {
  return search.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** The `LIKE` patterns of a search's words, escaped as eventgraph escapes them. */
export function searchPatterns(search: string): string[] {
  return searchWords(search).map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** The scenarios, in report order. Adding a question is adding one entry. */
export const scenarios: Scenario[] = [
  {
    name: 'talks-by-project',
    title: 'The 50 newest talks that covered a project, each with its event, speakers and projects',
    paginated: true,
    ours: (s) => ({
      query: `query TalksByProject($slug: String!) {
        project(slug: $slug) { talks(first: 50) { nodes {
          id title startsAt slidesUrl
          event { id title slug startsAt city }
          speakers { id name alias }
          projects { id slug name }
        } } }
      }`,
      variables: { slug: s.project },
    }),
    oursAnswer: (data) => data.project.talks.nodes,
    postgraphile: (s) => ({
      query: `query TalksByProject($slug: String!) {
        projectBySlug(slug: $slug) { newestTalksList(first: 50) {
          id title startsAt slidesUrl
          event { id title slug startsAt city }
          talkSpeakersList(orderBy: [POSITION_ASC, SPEAKER_ID_ASC]) { speaker { id name alias } }
          projectsByTalkProjectTalkIdAndProjectIdList(orderBy: [NAME_ASC, ID_ASC]) { id slug name }
        } }
      }`,
      variables: { slug: s.project },
    }),
    postgraphileAnswer: (data) =>
      data.projectBySlug.newestTalksList.map((t: any) => ({
        ...typedId('Talk', { id: t.id, title: t.title, startsAt: t.startsAt, slidesUrl: t.slidesUrl }),
        event: typedId('Event', t.event),
        speakers: t.talkSpeakersList.map((ts: any) => typedId('Speaker', ts.speaker)),
        projects: t.projectsByTalkProjectTalkIdAndProjectIdList.map((p: any) => typedId('Project', p)),
      })),
    raw: {
      sql: `SELECT json_build_object('data', json_build_object('project', (
          SELECT json_build_object('talks', json_build_object('nodes', coalesce((
            SELECT json_agg(json_build_object(
              'id', ${gid('Talk', 'page.id')}, 'title', page.title, 'startsAt', page.starts_at, 'slidesUrl', page.slides_url,
              'event', json_build_object('id', ${gid('Event', 'e.id')}, 'title', e.title, 'slug', e.slug, 'startsAt', e.starts_at, 'city', e.city),
              'speakers', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Speaker', 's.id')}, 'name', s.name, 'alias', s.alias) ORDER BY ts.position, s.id), '[]')
                           FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = page.id),
              'projects', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Project', 'x.id')}, 'slug', x.slug, 'name', x.name) ORDER BY x.name, x.id), '[]')
                           FROM talk_project tp JOIN project x ON x.id = tp.project_id WHERE tp.talk_id = page.id)
            ) ORDER BY page.date_key DESC, page.position DESC, page.id DESC)
            FROM (SELECT t.id, t.title, t.starts_at, t.slides_url, t.position, t.event_id, tp.talk_date_key AS date_key
                  FROM talk_project tp JOIN talk t ON t.id = tp.talk_id
                  WHERE tp.project_id = p.id
                  ORDER BY tp.talk_date_key DESC, tp.talk_position DESC, tp.talk_id DESC LIMIT 50) page
            JOIN event e ON e.id = page.event_id), '[]')))
          FROM project p WHERE p.slug = $1)))::text AS body`,
      params: (s) => [s.project],
    },
  },
  {
    name: 'project-page',
    title: 'A project page: the project with its counts, latest 5 events, first 10 speakers and related projects',
    paginated: true,
    ours: (s) => ({
      query: `query ProjectPage($slug: String!) {
        project(slug: $slug) {
          id name slug description aliases
          talks { totalCount }
          events(first: 5) { totalCount nodes { id title slug startsAt city } }
          speakers(first: 10) { totalCount nodes { id name affiliation } }
          relatedProjects(first: 5) { id slug name }
        }
      }`,
      variables: { slug: s.project },
    }),
    oursAnswer: (data) => data.project,
    postgraphile: (s) => ({
      query: `query ProjectPage($slug: String!) {
        projectBySlug(slug: $slug) {
          id name slug description
          projectAliasesList(orderBy: [ALIAS_ASC]) { alias }
          newestTalks { totalCount }
          latestEvents(first: 5) { totalCount nodes { id title slug startsAt city } }
          people(first: 10) { totalCount nodes { id name affiliation } }
          relatedList(first: 5) { id slug name }
        }
      }`,
      variables: { slug: s.project },
    }),
    postgraphileAnswer: ({ projectBySlug: p }) => ({
      ...typedId('Project', { id: p.id, name: p.name, slug: p.slug, description: p.description }),
      aliases: p.projectAliasesList.map((a: any) => a.alias),
      talks: { totalCount: p.newestTalks.totalCount },
      events: { totalCount: p.latestEvents.totalCount, nodes: p.latestEvents.nodes.map((e: any) => typedId('Event', e)) },
      speakers: { totalCount: p.people.totalCount, nodes: p.people.nodes.map((x: any) => typedId('Speaker', x)) },
      relatedProjects: p.relatedList.map((r: any) => typedId('Project', r)),
    }),
    raw: {
      sql: `SELECT json_build_object('data', json_build_object('project', (
          SELECT json_build_object(
            'id', ${gid('Project', 'p.id')}, 'name', p.name, 'slug', p.slug, 'description', p.description,
            'aliases', (SELECT coalesce(json_agg(a.alias ORDER BY a.alias), '[]') FROM project_alias a WHERE a.project_id = p.id),
            'talks', json_build_object('totalCount', (SELECT count(*) FROM talk_project tp WHERE tp.project_id = p.id)),
            'events', json_build_object(
              'totalCount', (SELECT count(DISTINCT t.event_id) FROM talk_project tp JOIN talk t ON t.id = tp.talk_id WHERE tp.project_id = p.id),
              'nodes', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Event', 'e.id')}, 'title', e.title, 'slug', e.slug, 'startsAt', e.starts_at, 'city', e.city)
                                                 ORDER BY coalesce(e.starts_at, '-infinity'::timestamptz) DESC, e.id DESC), '[]')
                        FROM (SELECT e.* FROM event e
                              WHERE EXISTS (SELECT 1 FROM talk t JOIN talk_project tp ON tp.talk_id = t.id WHERE t.event_id = e.id AND tp.project_id = p.id)
                              ORDER BY coalesce(e.starts_at, '-infinity'::timestamptz) DESC, e.id DESC LIMIT 5) e)),
            'speakers', (WITH people AS (
                  SELECT ts.speaker_id AS id FROM talk_speaker ts JOIN talk_project tp ON tp.talk_id = ts.talk_id WHERE tp.project_id = p.id
                  UNION SELECT sp.speaker_id FROM speaker_project sp WHERE sp.project_id = p.id)
                SELECT json_build_object('totalCount', (SELECT count(*) FROM people),
                  'nodes', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Speaker', 's.id')}, 'name', s.name, 'affiliation', s.affiliation) ORDER BY s.name, s.id), '[]')
                            FROM (SELECT s.* FROM speaker s JOIN people ON people.id = s.id ORDER BY s.name, s.id LIMIT 10) s))),
            'relatedProjects', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Project', 'r.id')}, 'slug', r.slug, 'name', r.name) ORDER BY r.shared DESC, r.name, r.id), '[]')
                                FROM (SELECT r.id, r.slug, r.name, count(*) AS shared FROM talk_project a
                                      JOIN talk_project b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id JOIN project r ON r.id = b.project_id
                                      WHERE a.project_id = p.id GROUP BY r.id ORDER BY shared DESC, r.name, r.id LIMIT 5) r))
          FROM project p WHERE p.slug = $1)))::text AS body`,
      params: (s) => [s.project],
    },
  },
  {
    name: 'coverage-series',
    title:
      'Coverage time series for the dashboard (its coverage panel, unfiltered): talks, events and speakers per quarter for the 8 most covered projects, every quarter present',
    paginated: false,
    ours: () => ({
      // A copy of the dashboard's document (web/dashboard/panels/coverage.ts), so the bench times what it sends; keep them equal.
      query: `query Coverage($filter: AnalyticsFilter) {
        analytics(filter: $filter) {
          coverage(period: QUARTER, first: 8) {
            project { slug name }
            talks
            points { period talks events speakers }
          }
        }
      }`,
      // What the dashboard sends with no filter set.
      variables: { filter: {} },
    }),
    oursAnswer: (data) => data.analytics.coverage,
    postgraphile: () => ({
      query: `query Coverage { coverageSeriesList(unit: QUARTER, top: 8) { projectSlug projectName projectTalks period talks events speakers } }`,
      variables: {},
    }),
    // One row per project and quarter, in order; the client groups them by project.
    postgraphileAnswer: (data) => {
      const byProject = new Map<string, { project: { slug: string; name: string }; talks: number; points: unknown[] }>();
      for (const row of data.coverageSeriesList) {
        let coverage = byProject.get(row.projectSlug);
        if (!coverage) {
          coverage = { project: { slug: row.projectSlug, name: row.projectName }, talks: row.projectTalks, points: [] };
          byProject.set(row.projectSlug, coverage);
        }
        coverage.points.push({ period: row.period, talks: row.talks, events: row.events, speakers: row.speakers });
      }
      return [...byProject.values()];
    },
    raw: {
      sql: `WITH dated AS (
          SELECT t.id AS talk_id, t.event_id, date_trunc('quarter', coalesce(t.starts_at, e.starts_at) AT TIME ZONE e.time_zone) AS period
          FROM talk t JOIN event e ON e.id = t.event_id WHERE coalesce(t.starts_at, e.starts_at) IS NOT NULL),
        linked AS (
          SELECT tp.project_id, count(*)::int AS total, min(d.period) AS lo, max(d.period) AS hi
          FROM dated d JOIN talk_project tp ON tp.talk_id = d.talk_id GROUP BY tp.project_id),
        chosen AS (SELECT l.project_id AS id, l.total FROM linked l JOIN project p ON p.id = l.project_id ORDER BY l.total DESC, p.name, p.id LIMIT $1),
        periods AS (SELECT generate_series(min(lo), max(hi), interval '3 months') AS period FROM linked),
        counted AS (
          SELECT tp.project_id, d.period, count(DISTINCT d.talk_id) AS talks, count(DISTINCT d.event_id) AS events, count(DISTINCT ts.speaker_id) AS speakers
          FROM chosen ch JOIN talk_project tp ON tp.project_id = ch.id JOIN dated d ON d.talk_id = tp.talk_id
          LEFT JOIN talk_speaker ts ON ts.talk_id = d.talk_id GROUP BY tp.project_id, d.period),
        series AS (
          SELECT ch.id, ch.total, json_agg(json_build_object('period', to_char(pe.period, 'YYYY-"Q"Q'), 'talks', coalesce(c.talks, 0),
                   'events', coalesce(c.events, 0), 'speakers', coalesce(c.speakers, 0)) ORDER BY pe.period) AS points
          FROM chosen ch CROSS JOIN periods pe LEFT JOIN counted c ON c.project_id = ch.id AND c.period = pe.period GROUP BY ch.id, ch.total)
        SELECT json_build_object('data', json_build_object('analytics', json_build_object('coverage', coalesce((
          SELECT json_agg(json_build_object('project', json_build_object('slug', p.slug, 'name', p.name), 'talks', s.total, 'points', s.points)
                          ORDER BY s.total DESC, p.name, p.id)
          FROM series s JOIN project p ON p.id = s.id), '[]'))))::text AS body`,
      params: () => [8],
    },
  },
  {
    name: 'search',
    title: 'A text search across projects, events, talks and speakers: the 20 best hits and the total',
    paginated: true,
    ours: (s) => ({
      query: `query Search($q: String!) {
        search(query: $q, first: 20) { totalCount edges { score node {
          ... on Project { id name } ... on Event { id title } ... on Talk { id title } ... on Speaker { id name }
        } } }
      }`,
      variables: { q: s.search },
    }),
    oursAnswer: (data) => ({
      totalCount: data.search.totalCount,
      hits: data.search.edges.map((e: any) => ({ id: e.node.id, label: e.node.name ?? e.node.title, score: e.score })),
    }),
    postgraphile: (s) => ({
      query: `query Search($q: String!) { searchGraph(query: $q, first: 20) { totalCount nodes { kind rowId score label } } }`,
      variables: { q: s.search },
    }),
    postgraphileAnswer: (data) => ({
      totalCount: data.searchGraph.totalCount,
      hits: data.searchGraph.nodes.map((n: any) => ({
        id: `${n.kind[0]}${n.kind.slice(1).toLowerCase()}:${n.rowId}`,
        label: n.label,
        score: n.score,
      })),
    }),
    raw: {
      // One LIKE per word (the trigram indexes serve each; none serves LIKE ALL), and at most
      // SEARCH_CANDIDATES_PER_KIND matches of each kind ranked, as eventgraph and PostGraphile's function do.
      sql: (s) => {
        const every = (text: string) =>
          searchWords(s.search)
            .map((_, i) => `(${text}) LIKE ($1::text[])[${i + 1}]`)
            .join(' AND ');
        return `WITH q AS (SELECT $2::text AS whole),
        hits AS (
          (SELECT 'PROJECT' AS kind, x.id, lower(x.name) AS name, x.name AS label FROM project x
            WHERE ${every(`x.search_text || ' ' || coalesce((SELECT string_agg(lower(a.alias), ' ') FROM project_alias a WHERE a.project_id = x.id), '')`)} LIMIT $3)
          UNION ALL (SELECT 'EVENT', x.id, lower(x.title), x.title FROM event x WHERE ${every('x.search_text')} LIMIT $3)
          UNION ALL (SELECT 'TALK', x.id, lower(x.title), x.title FROM talk x WHERE ${every('x.search_text')} AND x.withdrawn_at IS NULL LIMIT $3)
          UNION ALL (SELECT 'SPEAKER', x.id, lower(x.name || ' ' || coalesce(x.alias, '')), x.name FROM speaker x WHERE ${every('x.search_text')} LIMIT $3)),
        scored AS (
          SELECT h.*, (CASE WHEN h.name = q.whole THEN 2 ELSE 0 END + CASE WHEN strpos(h.name, q.whole) > 0 THEN 1 ELSE 0 END
                       + similarity(h.name, q.whole))::float8 AS score FROM hits h, q),
        page AS (SELECT * FROM scored ORDER BY score DESC, kind, id LIMIT 20)
        SELECT json_build_object('data', json_build_object('search', json_build_object(
          'totalCount', (SELECT count(*) FROM hits),
          'edges', (SELECT coalesce(json_agg(json_build_object('score', page.score, 'node', json_build_object(
                      'id', ${gid("' || initcap(page.kind) || '", 'page.id')}, CASE WHEN page.kind IN ('PROJECT', 'SPEAKER') THEN 'name' ELSE 'title' END, page.label))
                    ORDER BY page.score DESC, page.kind, page.id), '[]') FROM page))))::text AS body`;
      },
      params: (s) => [searchPatterns(s.search), s.search.normalize('NFKC').trim().toLowerCase(), SEARCH_CANDIDATES_PER_KIND],
    },
  },
  {
    name: 'node-lookups',
    title: '`node` lookups of 20 IDs (10 talks, 5 speakers, 5 events) in one request',
    paginated: false,
    ours: (s) => ({
      query: `query Nodes($ids: [ID!]!) {
        nodes(ids: $ids) { id ... on Talk { title } ... on Speaker { name } ... on Event { title } }
      }`,
      variables: { ids: s.nodes.map((n) => Buffer.from(`${n.type}:${n.id}`).toString('base64url')) },
    }),
    oursAnswer: (data) => data.nodes.map((n: any) => ({ id: n.id, label: n.title ?? n.name })),
    postgraphile: (s) => ({
      // PostGraphile 4 has no `nodes(ids:)`; its clients alias `node` once per ID.
      query: `query Nodes(${s.nodes.map((_, i) => `$n${i}: ID!`).join(', ')}) {
        ${s.nodes.map((_, i) => `n${i}: node(nodeId: $n${i}) { __typename ... on Talk { id title } ... on Speaker { id name } ... on Event { id title } }`).join('\n')}
      }`,
      variables: Object.fromEntries(s.nodes.map((n, i) => [`n${i}`, postgraphileNodeId(n.type, n.id)])),
    }),
    postgraphileAnswer: (data) =>
      Object.keys(data)
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
        .map((alias) => data[alias])
        .map((n: any) => ({ id: `${n.__typename}:${n.id}`, label: n.title ?? n.name })),
    raw: {
      sql: `SELECT json_build_object('data', json_build_object('nodes', (
          SELECT json_agg(coalesce(
            (SELECT json_build_object('id', ${gid('Talk', 't.id')}, 'title', t.title) FROM talk t WHERE r.type = 'Talk' AND t.id = r.id),
            (SELECT json_build_object('id', ${gid('Speaker', 's.id')}, 'name', s.name) FROM speaker s WHERE r.type = 'Speaker' AND s.id = r.id),
            (SELECT json_build_object('id', ${gid('Event', 'e.id')}, 'title', e.title) FROM event e WHERE r.type = 'Event' AND e.id = r.id)) ORDER BY r.n)
          FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS r(type, id, n))))::text AS body`,
      params: (s) => [s.nodes.map((n) => n.type), s.nodes.map((n) => n.id)],
    },
  },
  {
    name: 'event-page',
    title: 'An event page with its full agenda: every talk with its speakers and projects',
    paginated: false,
    ours: (s) => ({
      query: `query EventPage($slug: String!) {
        event(slug: $slug) {
          id title startsAt endsAt city venue format links { kind url title } community { name }
          talks(first: 100) { nodes {
            id title startsAt endsAt position kind slidesUrl videoUrl
            speakers { id name affiliation }
            projects { id slug name }
          } }
        }
      }`,
      variables: { slug: s.event },
    }),
    oursAnswer: (data) => data.event,
    postgraphile: (s) => ({
      query: `query EventPage($slug: String!) {
        eventBySlug(slug: $slug) {
          id title startsAt endsAt city venue format links community { name }
          talksList(orderBy: [STARTS_AT_ASC, POSITION_ASC, ID_ASC]) {
            id title startsAt endsAt position kind slidesUrl videoUrl
            talkSpeakersList(orderBy: [POSITION_ASC, SPEAKER_ID_ASC]) { speaker { id name affiliation } }
            projectsByTalkProjectTalkIdAndProjectIdList(orderBy: [NAME_ASC, ID_ASC]) { id slug name }
          }
        }
      }`,
      variables: { slug: s.event },
    }),
    postgraphileAnswer: ({ eventBySlug: e }) => ({
      ...typedId('Event', {
        id: e.id,
        title: e.title,
        startsAt: e.startsAt,
        endsAt: e.endsAt,
        city: e.city,
        venue: e.venue,
        format: e.format,
      }),
      links: e.links.map((l: any) => ({ kind: l.kind, url: l.url, title: l.title ?? null })),
      community: e.community,
      talks: {
        nodes: e.talksList.map((t: any) => ({
          ...typedId('Talk', {
            id: t.id,
            title: t.title,
            startsAt: t.startsAt,
            endsAt: t.endsAt,
            position: t.position,
            kind: t.kind,
            slidesUrl: t.slidesUrl,
            videoUrl: t.videoUrl,
          }),
          speakers: t.talkSpeakersList.map((ts: any) => typedId('Speaker', ts.speaker)),
          projects: t.projectsByTalkProjectTalkIdAndProjectIdList.map((p: any) => typedId('Project', p)),
        })),
      },
    }),
    raw: {
      sql: `SELECT json_build_object('data', json_build_object('event', (
          SELECT json_build_object(
            'id', ${gid('Event', 'e.id')}, 'title', e.title, 'startsAt', e.starts_at, 'endsAt', e.ends_at, 'city', e.city, 'venue', e.venue, 'format', e.format,
            'links', (SELECT coalesce(json_agg(json_build_object('kind', l->>'kind', 'url', l->>'url', 'title', l->>'title')), '[]') FROM jsonb_array_elements(e.links) l),
            'community', (SELECT json_build_object('name', c.name) FROM community c WHERE c.id = e.community_id),
            'talks', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object(
                'id', ${gid('Talk', 't.id')}, 'title', t.title, 'startsAt', t.starts_at, 'endsAt', t.ends_at, 'position', t.position, 'kind', t.kind,
                'slidesUrl', t.slides_url, 'videoUrl', t.video_url,
                'speakers', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Speaker', 's.id')}, 'name', s.name, 'affiliation', s.affiliation) ORDER BY ts.position, s.id), '[]')
                             FROM talk_speaker ts JOIN speaker s ON s.id = ts.speaker_id WHERE ts.talk_id = t.id),
                'projects', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Project', 'x.id')}, 'slug', x.slug, 'name', x.name) ORDER BY x.name, x.id), '[]')
                             FROM talk_project tp JOIN project x ON x.id = tp.project_id WHERE tp.talk_id = t.id))
              ORDER BY coalesce(t.starts_at, e.starts_at, '-infinity'::timestamptz), t.position, t.id), '[]')
              FROM (SELECT * FROM talk t WHERE t.event_id = e.id
                    ORDER BY coalesce(t.starts_at, e.starts_at, '-infinity'::timestamptz), t.position, t.id LIMIT 100) t)))
          FROM event e WHERE e.slug = $1)))::text AS body`,
      params: (s) => [s.event],
    },
  },
];
