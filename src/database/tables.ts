/**
 * A column as the migrated database has it: its type as `information_schema.columns.udt_name`
 * names it, `?` when it may be null, ` generated` when PostgreSQL computes it (never written).
 */
type ColumnType = `${string}${'' | '?'}${'' | ' generated'}`;

/**
 * Every table and view of the migrated schema with its columns, in the database's order: the
 * one place their names are written outside migrations. test/database/tables.test.ts compares it
 * with `information_schema` of a freshly migrated database (PGlite and PostgreSQL) and fails on any
 * difference, so a migration that adds, drops or renames a column updates this too.
 */
export const schema = {
  api_key: {
    id: 'int4',
    name: 'text',
    role: 'text',
    lookup: 'text',
    secret_hash: 'bytea',
    created_at: 'timestamptz',
    revoked_at: 'timestamptz?',
  },
  audit_log: {
    id: 'int4',
    api_key_id: 'int4?',
    actor: 'text',
    operation: 'text',
    record_type: 'text',
    record_id: 'int4',
    before: 'jsonb?',
    after: 'jsonb?',
    at: 'timestamptz',
  },
  community: {
    id: 'int4',
    slug: 'text',
    name: 'text',
    url: 'text?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    time_zone: 'text',
  },
  coverage_event_tally: { unit: 'text', project_id: 'int4', period: 'timestamp', event_id: 'int4', talks: 'int4' },
  coverage_speaker_tally: { unit: 'text', project_id: 'int4', period: 'timestamp', speaker_id: 'int4', talks: 'int4' },
  coverage_tally: { unit: 'text', project_id: 'int4', period: 'timestamp', talks: 'int4', events: 'int4', speakers: 'int4' },
  event: {
    id: 'int4',
    slug: 'text',
    community_id: 'int4',
    title: 'text',
    series: 'text?',
    starts_at: 'timestamptz?',
    ends_at: 'timestamptz?',
    time_zone: 'text',
    format: 'text?',
    city: 'text?',
    venue: 'text?',
    description: 'text?',
    cover_url: 'text?',
    tags: '_text',
    links: 'jsonb',
    search_text: 'text? generated',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  external_id: { record_type: 'text', record_id: 'int4', source: 'text', external_id: 'text' },
  /** Each merge of two records, with what undoing it needs (migration MergeEvidence). */
  merge_evidence: {
    id: 'int4',
    kind: 'text',
    kept_id: 'int4',
    absorbed_id: 'int4',
    absorbed: 'jsonb',
    kept_before: 'jsonb',
    kept_after: 'jsonb',
    rule: 'text',
    evidence: 'jsonb',
    source_id: 'int4?',
    merged_by: 'text?',
    merged_at: 'timestamptz',
    undone_by: 'text?',
    undone_at: 'timestamptz?',
  },
  /** TypeORM's record of applied migrations. */
  migrations: { id: 'int4', timestamp: 'int8', name: 'varchar' },
  project: {
    id: 'int4',
    slug: 'text',
    name: 'text',
    description: 'text?',
    repository_url: 'text?',
    homepage_url: 'text?',
    community_id: 'int4?',
    search_text: 'text? generated',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    slug_key: 'text? generated',
    name_key: 'text? generated',
  },
  project_alias: { id: 'int4', project_id: 'int4', alias: 'text', key: 'text' },
  project_event_tally: { project_id: 'int4', event_id: 'int4', talks: 'int4' },
  /** A view: every folded name (slug, name, alias) a project answers to. */
  project_key: { project_id: 'int4?', key: 'text?' },
  project_pair_tally: { project_id: 'int4', other_id: 'int4', talks: 'int4' },
  project_speaker_tally: { project_id: 'int4', speaker_id: 'int4', talks: 'int4', holds_role: 'bool' },
  project_tally: { project_id: 'int4', talks: 'int4', dated_talks: 'int4', events: 'int4', people: 'int4' },
  record_source: { source_id: 'int4', record_type: 'text', record_id: 'int4', locator: 'jsonb' },
  registered_source: {
    id: 'int4',
    kind: 'text',
    location: 'text',
    community_id: 'int4',
    time_zone: 'text',
    licence: 'text',
    status: 'text',
    last_synced_at: 'timestamptz?',
    last_error: 'text?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  source: { id: 'int4', uri: 'text', content_hash: 'text', imported_at: 'timestamptz' },
  speaker: {
    id: 'int4',
    name: 'text',
    alias: 'text?',
    name_key: 'text',
    affiliation: 'text?',
    title: 'text?',
    bio: 'text?',
    search_text: 'text? generated',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  speaker_project: { speaker_id: 'int4', project_id: 'int4', role: 'text?' },
  talk: {
    id: 'int4',
    event_id: 'int4',
    title: 'text',
    title_key: 'text',
    abstract: 'text?',
    kind: 'text',
    starts_at: 'timestamptz?',
    ends_at: 'timestamptz?',
    slides_url: 'text?',
    video_url: 'text?',
    position: 'int4',
    search_text: 'text? generated',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    date_key: 'timestamptz',
    room: 'text?',
    track: 'text?',
    language: 'text?',
    links: 'jsonb?',
    withdrawn_at: 'timestamptz?',
  },
  talk_card: { talk_id: 'int4', credits: 'json', projects: 'json' },
  talk_project: {
    talk_id: 'int4',
    project_id: 'int4',
    talk_date_key: 'timestamptz',
    talk_position: 'int4',
    event_id: 'int4?',
    talk_local_at: 'timestamp?',
  },
  talk_speaker: {
    talk_id: 'int4',
    speaker_id: 'int4',
    role: 'text',
    position: 'int4',
    talk_date_key: 'timestamptz',
    talk_position: 'int4',
  },
  withdrawn_talk_project: { talk_id: 'int4', project_id: 'int4' },
  withdrawn_talk_speaker: { talk_id: 'int4', speaker_id: 'int4', role: 'text', position: 'int4' },
} as const satisfies Record<string, Record<string, ColumnType>>;

/** The name of a table or view of the schema. */
export type TableName = keyof typeof schema;

/** The name of a column of table `T`: a misspelt one is a compile error. */
export type ColumnName<T extends TableName> = keyof (typeof schema)[T] & string;

/** The columns of `T` a statement may write (PostgreSQL computes the generated ones). */
export type WritableColumn<T extends TableName> = {
  [C in ColumnName<T>]: (typeof schema)[T][C] extends `${string} generated` ? never : C;
}[ColumnName<T>];

/** Tables that have a column `C`, e.g. those an update stamps with `updated_at`. */
export type TableWith<C extends string> = { [T in TableName]: C extends ColumnName<T> ? T : never }[TableName];

/** A table's columns under an alias, `t.title`, and the table with its alias, `talk t`, as the text of a template. */
export type Aliased<T extends TableName> = { readonly [C in ColumnName<T>]: string } & { toString(): string };

/** A table of the schema: its name, its columns by name, and the same under an alias. */
export interface Table<T extends TableName> {
  readonly name: T;
  /** Its column names, `talk.col.event_id` being `'event_id'`. */
  readonly col: { readonly [C in ColumnName<T>]: C };
  /** Columns as a list, `talk_speaker.list('talk_id', 'role')` being `'talk_id, role'` (an insert's, a conflict target). */
  list(...columns: ColumnName<T>[]): string;
  /**
   * Columns with their SQL types, `speaker.typed('name', 'created_at')` being
   * `'name text, created_at timestamptz'`: the column definitions that read a row of `T` back from
   * JSON (`jsonb_to_record($1) AS r(…)`).
   */
  typed(...columns: ColumnName<T>[]): string;
  /** The table under `alias`: `${t}` is `talk t`, `t.event_id` is `t.event_id`. Made once per alias. */
  as(alias: string): Aliased<T>;
}

/** The SQL type a column's `ColumnType` names: `text? generated` is `text`, `_text` (an array) is `text[]`. */
function sqlType(type: ColumnType): string {
  const udt = type.replace(/\?| generated/g, '');
  return udt.startsWith('_') ? `${udt.slice(1)}[]` : udt;
}

function defineTable<T extends TableName>(name: T): Table<T> {
  const names = Object.keys(schema[name]) as ColumnName<T>[];
  const col = Object.fromEntries(names.map((c) => [c, c])) as Table<T>['col'];
  const aliases = new Map<string, Aliased<T>>();
  return {
    name,
    col,
    list: (...columns) => columns.join(', '),
    typed: (...columns) => columns.map((c) => `${c} ${sqlType(schema[name][c] as ColumnType)}`).join(', '),
    as(alias) {
      let aliased = aliases.get(alias);
      if (!aliased) {
        if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`"${alias}" is not a table alias`);
        const text = `${name} ${alias}`;
        aliased = Object.freeze(
          Object.assign(Object.fromEntries(names.map((c) => [c, `${alias}.${c}`])), { toString: () => text }),
        ) as Aliased<T>;
        aliases.set(alias, aliased);
      }
      return aliased;
    },
  };
}

/**
 * Every table by name, typed: `tables.talk_project.name` is `'talk_project'`, and
 * `tables.talk_project.col.talk_id` or `tables.talk.as('t').event_id` exist only for real columns.
 */
export const tables = Object.fromEntries(Object.keys(schema).map((name) => [name, defineTable(name as TableName)])) as {
  readonly [T in TableName]: Table<T>;
};
