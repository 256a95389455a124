import { projectKey } from '../../src/database/name-key';
import { gid, type Scenario } from '../scenarios';

/**
 * The second ceiling's statements: what a hand-written server would send if it read what
 * eventgraph reads, the talk cards, tallies and folded keys kept by triggers, instead of joining
 * the normalized tables as the first ceiling (`Scenario.raw`) does. Each builds eventgraph's whole
 * response in PostgreSQL, as the first ceiling's do.
 */
type Statement = Scenario['raw'];

/** A talk card's projects (`card.projects`, in the card's order: name, id) as eventgraph shows them. */
const cardProjects = (card: string) =>
  `(SELECT coalesce(json_agg(json_build_object('id', ${gid('Project', "(x.p->>'id')")}, 'slug', x.p->'slug', 'name', x.p->'name') ORDER BY x.n), '[]')
    FROM json_array_elements(${card}.projects) WITH ORDINALITY AS x(p, n))`;

/** A talk card's speakers (`card.credits`, in credit order). */
const cardSpeakers = (card: string) =>
  `(SELECT coalesce(json_agg(json_build_object('id', ${gid('Speaker', "(x.c->'speaker'->>'id')")}, 'name', x.c->'speaker'->'name', 'alias', x.c->'speaker'->'alias') ORDER BY x.n), '[]')
    FROM json_array_elements(${card}.credits) WITH ORDINALITY AS x(c, n))`;

/** The project whose folded slug, name or alias is `$1`, as `project(slug:)` finds it (the lowest id of that key). */
const projectByKey = `(SELECT k.project_id FROM project_key k WHERE k.key = $1 ORDER BY k.project_id LIMIT 1)`;

const EVENT_FIELDS = (e: string) =>
  `'id', ${gid('Event', `${e}.id`)}, 'title', ${e}.title, 'slug', ${e}.slug, 'startsAt', ${e}.starts_at, 'city', ${e}.city`;

const statements: Record<string, Statement> = {
  'talks-by-project': {
    sql: `SELECT json_build_object('data', json_build_object('project', (
        SELECT json_build_object('talks', json_build_object('nodes', coalesce((
          SELECT json_agg(json_build_object(
            'id', ${gid('Talk', 'page.id')}, 'title', page.title, 'startsAt', page.starts_at, 'slidesUrl', page.slides_url,
            'event', json_build_object(${EVENT_FIELDS('e')}),
            'speakers', coalesce(${cardSpeakers('card')}, '[]'), 'projects', coalesce(${cardProjects('card')}, '[]')
          ) ORDER BY page.date_key DESC, page.position DESC, page.id DESC)
          FROM (SELECT t.id, t.title, t.starts_at, t.slides_url, t.event_id, tp.talk_date_key AS date_key, tp.talk_position AS position
                FROM talk_project tp JOIN talk t ON t.id = tp.talk_id
                WHERE tp.project_id = p.id AND t.withdrawn_at IS NULL
                ORDER BY tp.talk_date_key DESC, tp.talk_position DESC, tp.talk_id DESC LIMIT 50) page
          JOIN event e ON e.id = page.event_id LEFT JOIN talk_card card ON card.talk_id = page.id), '[]')))
        FROM project p WHERE p.id = ${projectByKey})))::text AS body`,
    params: (s) => [projectKey(s.project)],
  },
  'project-page': {
    sql: `SELECT json_build_object('data', json_build_object('project', (
        SELECT json_build_object(
          'id', ${gid('Project', 'p.id')}, 'name', p.name, 'slug', p.slug, 'description', p.description,
          'aliases', (SELECT coalesce(json_agg(a.alias ORDER BY a.alias), '[]') FROM project_alias a WHERE a.project_id = p.id),
          'talks', json_build_object('totalCount', coalesce(pt.talks, 0)),
          'events', json_build_object('totalCount', coalesce(pt.events, 0),
            'nodes', (SELECT coalesce(json_agg(json_build_object(${EVENT_FIELDS('e')}) ORDER BY coalesce(e.starts_at, '-infinity'::timestamptz) DESC, e.id DESC), '[]')
                      FROM (SELECT e.* FROM project_event_tally et JOIN event e ON e.id = et.event_id WHERE et.project_id = p.id
                            ORDER BY coalesce(e.starts_at, '-infinity'::timestamptz) DESC, e.id DESC LIMIT 5) e)),
          'speakers', json_build_object('totalCount', coalesce(pt.people, 0),
            'nodes', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Speaker', 's.id')}, 'name', s.name, 'affiliation', s.affiliation) ORDER BY s.name, s.id), '[]')
                      FROM (SELECT s.* FROM project_speaker_tally st JOIN speaker s ON s.id = st.speaker_id WHERE st.project_id = p.id ORDER BY s.name, s.id LIMIT 10) s)),
          'relatedProjects', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Project', 'r.id')}, 'slug', r.slug, 'name', r.name) ORDER BY r.talks DESC, r.name, r.id), '[]')
                              FROM (SELECT r.id, r.slug, r.name, pr.talks FROM project_pair_tally pr JOIN project r ON r.id = pr.other_id
                                    WHERE pr.project_id = p.id ORDER BY pr.talks DESC, r.name, r.id LIMIT 5) r))
        FROM project p LEFT JOIN project_tally pt ON pt.project_id = p.id WHERE p.id = ${projectByKey})))::text AS body`,
    params: (s) => [projectKey(s.project)],
  },
  'coverage-series': {
    sql: `WITH linked AS (
          SELECT pt.project_id, pt.dated_talks AS total,
            date_trunc('quarter', (SELECT min(l.talk_local_at) FROM talk_project l WHERE l.project_id = pt.project_id)) AS lo,
            date_trunc('quarter', (SELECT max(l.talk_local_at) FROM talk_project l WHERE l.project_id = pt.project_id)) AS hi
          FROM project_tally pt WHERE pt.dated_talks > 0),
        chosen AS (SELECT p.id, p.slug, p.name, l.total FROM linked l JOIN project p ON p.id = l.project_id ORDER BY l.total DESC, p.name, p.id LIMIT $1),
        periods AS (SELECT g AS period FROM (SELECT min(lo) AS lo, max(hi) AS hi FROM linked) r, generate_series(r.lo, r.hi, interval '3 months') g)
      SELECT json_build_object('data', json_build_object('analytics', json_build_object('coverage', coalesce((
        SELECT json_agg(json_build_object('project', json_build_object('slug', ch.slug, 'name', ch.name), 'talks', ch.total,
          'points', (SELECT json_agg(json_build_object('period', to_char(pe.period, 'YYYY-"Q"Q'), 'talks', coalesce(c.talks, 0),
                       'events', coalesce(c.events, 0), 'speakers', coalesce(c.speakers, 0)) ORDER BY pe.period)
                     FROM periods pe LEFT JOIN coverage_tally c ON c.unit = 'quarter' AND c.project_id = ch.id AND c.period = pe.period))
          ORDER BY ch.total DESC, ch.name, ch.id)
        FROM chosen ch), '[]'))))::text AS body`,
    params: () => [8],
  },
  'event-page': {
    // The card holds no affiliation, so speakers come from the credits, as eventgraph reads them.
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
              'projects', coalesce(${cardProjects('card')}, '[]'))
            ORDER BY t.date_key, t.position, t.id), '[]')
            FROM (SELECT * FROM talk t WHERE t.event_id = e.id AND t.withdrawn_at IS NULL ORDER BY t.date_key, t.position, t.id LIMIT 100) t
            LEFT JOIN talk_card card ON card.talk_id = t.id)))
        FROM event e WHERE e.slug = $1)))::text AS body`,
    params: (s) => [s.event],
  },
};

/**
 * The second ceiling's statement for `scenario`. Search and node lookups already read what
 * eventgraph reads (the searchable text columns and their trigram indexes; rows by key), so both
 * ceilings send the same statement for them.
 */
export function cardsStatement(scenario: Scenario): Statement {
  return statements[scenario.name] ?? scenario.raw;
}
