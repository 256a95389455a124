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
  `CREATE FUNCTION search_graph(query text) RETURNS SETOF search_hit STABLE LANGUAGE sql AS $$
     WITH q AS (
       SELECT array_agg('%' || replace(replace(replace(w, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%') AS patterns,
              lower(trim(normalize(query, NFKC))) AS whole
       FROM unnest((regexp_split_to_array(lower(normalize(query, NFKC)), '\\s+'))[1:8]) w WHERE w <> ''
     ), hits AS (
       SELECT 'PROJECT' AS kind, x.id, lower(x.name) AS name, x.name AS label FROM project x, q
         WHERE (x.search_text || ' ' || coalesce((SELECT string_agg(lower(a.alias), ' ') FROM project_alias a WHERE a.project_id = x.id), '')) LIKE ALL(q.patterns)
       UNION ALL SELECT 'EVENT', x.id, lower(x.title), x.title FROM event x, q WHERE x.search_text LIKE ALL(q.patterns)
       UNION ALL SELECT 'TALK', x.id, lower(x.title), x.title FROM talk x, q WHERE x.search_text LIKE ALL(q.patterns)
       UNION ALL SELECT 'SPEAKER', x.id, lower(x.name || ' ' || coalesce(x.alias, '')), x.name FROM speaker x, q WHERE x.search_text LIKE ALL(q.patterns)
     )
     SELECT h.kind, h.id, (CASE WHEN h.name = q.whole THEN 2 ELSE 0 END + CASE WHEN strpos(h.name, q.whole) > 0 THEN 1 ELSE 0 END
            + similarity(h.name, q.whole))::float8, h.label
     FROM hits h, q ORDER BY 3 DESC, 1, 2 $$`,
];
