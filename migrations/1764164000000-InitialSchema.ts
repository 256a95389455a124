import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event graph: communities, projects (with aliases), events, talks, speakers, the links
 * between them, and provenance. Written by hand so that PGlite and PostgreSQL run the same SQL.
 */
export class InitialSchema1764164000000 implements MigrationInterface {
  name = 'InitialSchema1764164000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE community (
        id serial PRIMARY KEY,
        slug text NOT NULL CONSTRAINT community_slug_key UNIQUE,
        name text NOT NULL,
        url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE project (
        id serial PRIMARY KEY,
        slug text NOT NULL CONSTRAINT project_slug_key UNIQUE,
        name text NOT NULL,
        description text,
        repository_url text,
        homepage_url text,
        community_id int REFERENCES community (id) ON DELETE SET NULL,
        search_text text GENERATED ALWAYS AS (lower(name || ' ' || slug || ' ' || coalesce(description, ''))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX project_community_idx ON project (community_id)`);
    await q.query(`CREATE INDEX project_search_trgm_idx ON project USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE project_alias (
        id serial PRIMARY KEY,
        project_id int NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        alias text NOT NULL,
        key text NOT NULL CONSTRAINT project_alias_key_key UNIQUE
      )`);
    await q.query(`CREATE INDEX project_alias_project_idx ON project_alias (project_id)`);
    // Every name a project answers to, folded the way projectKey() folds (lower case, no spaces,
    // dots, dashes or underscores: "SOFA Serverless" = "sofa-serverless" = "SOFAServerless").
    await q.query(`
      CREATE VIEW project_key (project_id, key) AS
        SELECT id, regexp_replace(lower(slug), '[[:space:]._-]+', '', 'g') FROM project
        UNION SELECT id, regexp_replace(lower(name), '[[:space:]._-]+', '', 'g') FROM project
        UNION SELECT project_id, key FROM project_alias`);
    await q.query(`
      CREATE TABLE event (
        id serial PRIMARY KEY,
        slug text NOT NULL CONSTRAINT event_slug_key UNIQUE,
        community_id int NOT NULL REFERENCES community (id) ON DELETE RESTRICT,
        title text NOT NULL,
        series text,
        starts_at timestamptz,
        ends_at timestamptz,
        time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
        format text CHECK (format IN ('OFFLINE', 'ONLINE', 'HYBRID')),
        city text,
        venue text,
        description text,
        cover_url text,
        tags text[] NOT NULL DEFAULT '{}',
        links jsonb NOT NULL DEFAULT '[]',
        search_text text GENERATED ALWAYS AS (lower(title || ' ' || coalesce(city, '') || ' ' || coalesce(series, '') || ' ' || coalesce(description, ''))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
      )`);
    await q.query(`CREATE INDEX event_starts_at_idx ON event (coalesce(starts_at, '-infinity'::timestamptz), id)`);
    await q.query(`CREATE INDEX event_community_idx ON event (community_id)`);
    await q.query(`CREATE INDEX event_series_idx ON event (series)`);
    await q.query(`CREATE INDEX event_city_idx ON event (city)`);
    await q.query(`CREATE INDEX event_search_trgm_idx ON event USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE talk (
        id serial PRIMARY KEY,
        event_id int NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        title text NOT NULL,
        title_key text NOT NULL,
        abstract text,
        kind text NOT NULL DEFAULT 'TALK' CHECK (kind IN ('TALK', 'KEYNOTE', 'PANEL', 'WORKSHOP', 'LIGHTNING')),
        starts_at timestamptz,
        ends_at timestamptz,
        slides_url text,
        video_url text,
        position int NOT NULL DEFAULT 0,
        search_text text GENERATED ALWAYS AS (lower(title || ' ' || coalesce(abstract, ''))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT talk_event_title_key UNIQUE (event_id, title_key)
      )`);
    await q.query(`CREATE INDEX talk_search_trgm_idx ON talk USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX talk_created_at_idx ON talk (created_at, id)`);
    await q.query(`
      CREATE TABLE speaker (
        id serial PRIMARY KEY,
        name text NOT NULL,
        alias text,
        name_key text NOT NULL CONSTRAINT speaker_name_key_key UNIQUE,
        affiliation text,
        title text,
        bio text,
        search_text text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(alias, '') || ' ' || coalesce(affiliation, '') || ' ' || coalesce(title, ''))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX speaker_alias_lower_idx ON speaker (lower(alias))`);
    await q.query(`CREATE INDEX speaker_name_idx ON speaker (name, id)`);
    await q.query(`CREATE INDEX speaker_search_trgm_idx ON speaker USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE talk_speaker (
        talk_id int NOT NULL REFERENCES talk (id) ON DELETE CASCADE,
        speaker_id int NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'SPEAKER' CHECK (role IN ('SPEAKER', 'MODERATOR', 'PANELIST', 'HOST')),
        position int NOT NULL DEFAULT 0,
        PRIMARY KEY (talk_id, speaker_id)
      )`);
    await q.query(`CREATE INDEX talk_speaker_speaker_idx ON talk_speaker (speaker_id, talk_id)`);
    await q.query(`
      CREATE TABLE talk_project (
        talk_id int NOT NULL REFERENCES talk (id) ON DELETE CASCADE,
        project_id int NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        PRIMARY KEY (talk_id, project_id)
      )`);
    await q.query(`CREATE INDEX talk_project_project_idx ON talk_project (project_id, talk_id)`);
    await q.query(`
      CREATE TABLE speaker_project (
        speaker_id int NOT NULL REFERENCES speaker (id) ON DELETE CASCADE,
        project_id int NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        role text,
        PRIMARY KEY (speaker_id, project_id)
      )`);
    await q.query(`CREATE INDEX speaker_project_project_idx ON speaker_project (project_id, speaker_id)`);
    await q.query(`
      CREATE TABLE source (
        id serial PRIMARY KEY,
        uri text NOT NULL CONSTRAINT source_uri_key UNIQUE,
        content_hash text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE record_source (
        source_id int NOT NULL REFERENCES source (id) ON DELETE CASCADE,
        record_type text NOT NULL,
        record_id int NOT NULL,
        locator jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (source_id, record_type, record_id)
      )`);
    await q.query(`CREATE INDEX record_source_record_idx ON record_source (record_type, record_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['record_source', 'source', 'speaker_project', 'talk_project', 'talk_speaker', 'speaker', 'talk', 'event']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP VIEW project_key`);
    for (const table of ['project_alias', 'project', 'community']) await q.query(`DROP TABLE ${table}`);
  }
}
