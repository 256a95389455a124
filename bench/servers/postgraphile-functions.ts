import { SEARCH_CANDIDATES_PER_KIND } from '../../src/search/search.query';

/**
 * The SQL functions PostGraphile's schema needs to ask the benchmark's questions: a project's
 * talks newest first (through the link table's date index), the speakers of a project through
 * two join tables, related projects and the text search. PostGraphile exposes each as a field
 * (`Project.newestTalks`, `Query.searchGraph`, …). Each has the same ORDER BY as eventgraph's
 * list, so the answers can be compared row for row.
 */
export const postgraphileFunctions = [
  // Reads the link table's (project, talk date) index, as eventgraph does: one page of entries.
  `CREATE FUNCTION project_newest_talks(p project) RETURNS SETOF talk STABLE LANGUAGE sql AS $$
     SELECT t.* FROM talk_project tp JOIN talk t ON t.id = tp.talk_id
     WHERE tp.project_id = p.id
     ORDER BY tp.talk_date_key DESC, tp.talk_position DESC, tp.talk_id DESC $$`,
  `CREATE FUNCTION project_latest_events(p project) RETURNS SETOF event STABLE LANGUAGE sql AS $$
     SELECT e.* FROM event e
     WHERE EXISTS (SELECT 1 FROM talk t JOIN talk_project tp ON tp.talk_id = t.id WHERE t.event_id = e.id AND tp.project_id = p.id)
     ORDER BY coalesce(e.starts_at, '-infinity'::timestamptz) DESC, e.id DESC $$`,
  `CREATE FUNCTION project_people(p project) RETURNS SETOF speaker STABLE LANGUAGE sql AS $$
     SELECT s.* FROM speaker s
     WHERE EXISTS (SELECT 1 FROM talk_speaker ts JOIN talk_project tp ON tp.talk_id = ts.talk_id WHERE ts.speaker_id = s.id AND tp.project_id = p.id)
        OR EXISTS (SELECT 1 FROM speaker_project sp WHERE sp.speaker_id = s.id AND sp.project_id = p.id)
     ORDER BY s.name, s.id $$`,
  `CREATE FUNCTION project_related(p project) RETURNS SETOF project STABLE LANGUAGE sql AS $$
     SELECT r.* FROM talk_project a JOIN talk_project b ON b.talk_id = a.talk_id AND b.project_id <> a.project_id
     JOIN project r ON r.id = b.project_id
     WHERE a.project_id = p.id GROUP BY r.id ORDER BY count(*) DESC, r.name, r.id $$`,
  `CREATE TYPE search_hit AS (kind text, row_id int, score float8, label text)`,
  // One LIKE per word, written out by EXECUTE: the trigram indexes serve each LIKE, none serves
  // LIKE ALL, which read every row. The same conditions eventgraph sends, and its bound: at most
  // SEARCH_CANDIDATES_PER_KIND matches of each kind are ranked (and counted).
  `CREATE FUNCTION search_graph(query text) RETURNS SETOF search_hit STABLE LANGUAGE plpgsql AS $$
   DECLARE
     patterns text[];
     whole text := lower(trim(normalize(query, NFKC)));
     every text;
   BEGIN
     SELECT coalesce(array_agg('%' || replace(replace(replace(w, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'), '{}') INTO patterns
     FROM unnest((regexp_split_to_array(lower(normalize(query, NFKC)), '\\s+'))[1:8]) w WHERE w <> '';
     SELECT coalesce(string_agg(format('(%s) LIKE $1[%s]', '{text}', i), ' AND '), 'TRUE') INTO every FROM generate_subscripts(patterns, 1) i;
     RETURN QUERY EXECUTE format($q$
       WITH hits AS (
         (SELECT 'PROJECT' AS kind, x.id, lower(x.name) AS name, x.name AS label FROM project x
           WHERE %s LIMIT ${SEARCH_CANDIDATES_PER_KIND})
         UNION ALL (SELECT 'EVENT', x.id, lower(x.title), x.title FROM event x WHERE %s LIMIT ${SEARCH_CANDIDATES_PER_KIND})
         UNION ALL (SELECT 'TALK', x.id, lower(x.title), x.title FROM talk x WHERE %s AND x.withdrawn_at IS NULL LIMIT ${SEARCH_CANDIDATES_PER_KIND})
         UNION ALL (SELECT 'SPEAKER', x.id, lower(x.name || ' ' || coalesce(x.alias, '')), x.name FROM speaker x WHERE %s LIMIT ${SEARCH_CANDIDATES_PER_KIND}))
       SELECT h.kind, h.id, (CASE WHEN h.name = $2 THEN 2 ELSE 0 END + CASE WHEN strpos(h.name, $2) > 0 THEN 1 ELSE 0 END
              + similarity(h.name, $2))::float8, h.label
       FROM hits h ORDER BY 3 DESC, 1, 2 $q$,
       replace(every, '{text}', 'x.search_text || '' '' || coalesce((SELECT string_agg(lower(a.alias), '' '') FROM project_alias a WHERE a.project_id = x.id), '''')'),
       replace(every, '{text}', 'x.search_text'), replace(every, '{text}', 'x.search_text'), replace(every, '{text}', 'x.search_text'))
     USING patterns, whole;
   END $$`,
  `CREATE TYPE coverage_unit AS ENUM ('month', 'quarter', 'year')`,
  `CREATE TYPE coverage_point AS (project_slug text, project_name text, project_talks int, period text, talks int, events int, speakers int)`,
  // Flat rows, one per project and period, the most covered projects first: the shape a
  // PostGraphile client groups itself. Each talk's period is computed once; the top projects are
  // chosen before their talks are joined to their speakers.
  `CREATE FUNCTION coverage_series(unit coverage_unit, top int) RETURNS SETOF coverage_point STABLE LANGUAGE sql AS $$
     WITH dated AS (
       SELECT t.id AS talk_id, t.event_id, date_trunc(unit::text, coalesce(t.starts_at, e.starts_at) AT TIME ZONE e.time_zone) AS period
       FROM talk t JOIN event e ON e.id = t.event_id WHERE coalesce(t.starts_at, e.starts_at) IS NOT NULL
     ), linked AS (
       SELECT tp.project_id, count(*)::int AS total, min(d.period) AS lo, max(d.period) AS hi
       FROM dated d JOIN talk_project tp ON tp.talk_id = d.talk_id GROUP BY tp.project_id
     ), chosen AS (
       SELECT l.project_id AS id, l.total FROM linked l JOIN project p ON p.id = l.project_id ORDER BY l.total DESC, p.name, p.id LIMIT top
     ), periods AS (
       SELECT generate_series(min(lo), max(hi), CASE unit WHEN 'quarter' THEN interval '3 months' ELSE ('1 ' || unit)::interval END) AS period FROM linked
     ), counted AS (
       SELECT tp.project_id, d.period, count(DISTINCT d.talk_id)::int AS talks, count(DISTINCT d.event_id)::int AS events, count(DISTINCT ts.speaker_id)::int AS speakers
       FROM chosen ch JOIN talk_project tp ON tp.project_id = ch.id JOIN dated d ON d.talk_id = tp.talk_id
       LEFT JOIN talk_speaker ts ON ts.talk_id = d.talk_id GROUP BY tp.project_id, d.period
     )
     SELECT p.slug, p.name, ch.total, to_char(pe.period, CASE unit WHEN 'year' THEN 'YYYY' WHEN 'quarter' THEN 'YYYY-"Q"Q' ELSE 'YYYY-MM' END),
       coalesce(c.talks, 0), coalesce(c.events, 0), coalesce(c.speakers, 0)
     FROM chosen ch JOIN project p ON p.id = ch.id CROSS JOIN periods pe LEFT JOIN counted c ON c.project_id = ch.id AND c.period = pe.period
     ORDER BY ch.total DESC, p.name, p.id, pe.period $$`,
];
