import 'reflect-metadata';
import type { Kysely as KyselyDb, RawBuilder } from 'kysely' with { 'resolution-mode': 'import' };
import { performance } from 'node:perf_hooks';
import { Community } from '../src/communities/community.entity';
import { keysetRootPageSql } from '../src/lists/keyset-page';
import { jsonColumns } from '../src/lists/json-columns';
import { entityColumns, selectColumns } from '../src/database/entity-columns';
import { SqlParams } from '../src/database/sql-params';
import { type TableName, type ColumnName, tables } from '../src/database/tables';
import { Event } from '../src/events/event.entity';
import { Project } from '../src/projects/project.entity';
import { Speaker } from '../src/speakers/speaker.entity';
import { cardColumn } from '../src/talks/talk-card';
import { Talk } from '../src/talks/talk.entity';
import { captureStatements, HOT_SCENARIOS, type SentStatement } from './sql-statements';

// The SQL-vocabulary evaluation of issue #18: the hot statements of the benchmark's scenarios
// (talks of a project, an event page, node lookups), built once with the schema module of
// src/database/tables.ts and once with Kysely, timed per request, and checked against what the
// server sends today: the same text for the first, the same rows for both.
// Run: node dist/bench/sql-vocabulary.js [iterations] (after `npx tsc -p tsconfig.build.json`).

/** The database as Kysely sees it, derived from the vocabulary (column types are not what this measures). */
type Schema = { [T in TableName]: { [C in ColumnName<T>]: unknown } };

/** What a scenario's statements are built from: the request's values. */
interface Inputs {
  slug: string;
  talkIds: number[];
  speakerIds: number[];
  eventIds: number[];
}

/** Builders of one scenario's statements, in the order the server sends them. */
type Builder = (inputs: Inputs) => SentStatement[];

const talk = tables.talk,
  event = tables.event,
  project = tables.project;
const t = talk.as('t'),
  e = event.as('e'),
  rp = tables.talk_project.as('rp'),
  k = tables.project_key.as('k'),
  p = project.as('p'),
  c = tables.community.as('c');
const ets = tables.talk_speaker.as('ets'),
  es = tables.speaker.as('es');

// The selections of the scenarios' queries, as the server's lookahead gives them to the column lists.
const TALK_PAGE_FIELDS = ['id', 'title', 'startsAt', 'slidesUrl', 'event', 'speakers', 'projects'];
const AGENDA_FIELDS = ['id', 'title', 'startsAt', 'endsAt', 'position', 'kind', 'slidesUrl', 'videoUrl', 'speakers', 'projects'];
const EVENT_FIELDS = ['id', 'title', 'slug', 'startsAt', 'city'];

const credits = (
  speaker: string,
) => `(SELECT coalesce(json_agg(json_build_object('role', ${ets.role}, 'speaker', ${speaker}) ORDER BY ${ets.position}, ${es.id}), '[]')
          FROM ${ets} JOIN ${es} ON ${es.id} = ${ets.speaker_id} WHERE ${ets.talk_id} = ${t.id})`;

/** The statements with the vocabulary module: template text, table and column names from tables.ts. */
const vocabulary: Record<(typeof HOT_SCENARIOS)[number], Builder> = {
  'talks-by-project': ({ slug }) => {
    const params = new SqlParams();
    const roots = `SELECT DISTINCT ON (${k.key}) ${k.key} AS "__key", ${p.id} AS "__root_id", ${jsonColumns(Project, 'p')} AS "__root"
     FROM ${k} JOIN ${p} ON ${p.id} = ${k.project_id} WHERE ${k.key} = ANY((SELECT ${params.add([slug])}::text[])::text[]) ORDER BY ${k.key}, ${p.id}`;
    const columns = [
      selectColumns(Talk, 't', TALK_PAGE_FIELDS),
      `${jsonColumns(Event, 'e', EVENT_FIELDS)} AS "__event"`,
      `${cardColumn('credits')} AS "__credits"`,
      `${cardColumn('projects')} AS "__projects"`,
    ].join(', ');
    const text = keysetRootPageSql(
      roots,
      (ref) => `${rp.project_id} = ${ref}`,
      {
        from: `${rp} JOIN ${t} ON ${t.id} = ${rp.talk_id} JOIN ${e} ON ${e.id} = ${t.event_id}`,
        columns,
        id: rp.talk_id,
        where: [`${t.withdrawn_at} IS NULL`],
        sort: [
          { sql: rp.talk_date_key, type: 'timestamptz' },
          { sql: rp.talk_position, type: 'int' },
        ],
        descending: true,
        params,
      },
      { limit: 50, backward: false },
    );
    return [{ text, params: params.values }];
  },
  'event-page': ({ slug }) => {
    const params = new SqlParams();
    const roots = `SELECT ${e.slug} AS "__key", ${e.id} AS "__root_id",
       json_build_object('event', ${jsonColumns(Event, 'e')}, 'community', ${jsonColumns(Community, 'c')}) AS "__root"
     FROM ${e} LEFT JOIN ${c} ON ${c.id} = ${e.community_id} WHERE ${e.slug} = ANY((SELECT ${params.add([slug])}::text[])::text[])`;
    const columns = [
      selectColumns(Talk, 't', AGENDA_FIELDS),
      `${credits(jsonColumns(Speaker, 'es', ['id', 'name', 'affiliation']))} AS "__credits"`,
      `${cardColumn('projects')} AS "__projects"`,
    ].join(', ');
    const text = keysetRootPageSql(
      roots,
      (ref) => `${t.event_id} = ${ref}`,
      {
        from: `${t} JOIN ${e} ON ${e.id} = ${t.event_id}`,
        columns,
        id: t.id,
        where: [`${t.withdrawn_at} IS NULL`],
        sort: [
          { sql: t.date_key, type: 'timestamptz' },
          { sql: t.position, type: 'int' },
        ],
        descending: false,
        params,
      },
      { limit: 100, backward: false },
    );
    return [{ text, params: params.values }];
  },
  'node-lookups': ({ talkIds, speakerIds, eventIds }) =>
    (
      [
        [Talk, talk, talkIds],
        [Speaker, tables.speaker, speakerIds],
        [Event, event, eventIds],
      ] as const
    ).map(([entity, table, ids]) => {
      const x = table.as('x');
      return { text: `SELECT ${selectColumns(entity, 'x')} FROM ${x} WHERE ${x.id} = ANY($1::int[])`, params: [ids] };
    }),
};

/** The same statements with Kysely's query builder (JSON constructors, which it has no builder for, as `sql` fragments). */
function kyselyBuilders(
  kysely: typeof import('kysely', { with: { 'resolution-mode': 'import' } }),
  db: KyselyDb<Schema>,
): Record<(typeof HOT_SCENARIOS)[number], Builder> {
  const { sql } = kysely;
  // Made once per entity, alias and fields, as the server's column lists are (selectColumns, jsonColumns).
  const made = new Map<string, unknown>();
  const once = <R>(key: string, make: () => R): R => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as R;
  };
  /** An entity's columns under `alias`, each named by its property, as the server selects them. */
  const entitySelect = (entity: abstract new () => object, alias: string, fields?: readonly string[]) =>
    once(`select:${entity.name}:${alias}:${fields?.join(',')}`, () =>
      entityColumns(entity, fields).map((column) =>
        sql.ref(`${alias}.${column.options.name ?? column.propertyName}`).as(column.propertyName),
      ),
    );
  const json = (entity: abstract new () => object, alias: string, fields?: readonly string[]): RawBuilder<unknown> =>
    once(
      `json:${entity.name}:${alias}:${fields?.join(',')}`,
      () =>
        sql`json_build_object(${sql.join(entityColumns(entity, fields).flatMap((column) => [sql.lit(column.propertyName), sql.ref(`${alias}.${column.options.name ?? column.propertyName}`)]))})`,
    );
  const card = (column: 'credits' | 'projects') =>
    sql`coalesce((${db.selectFrom('talk_card as c').select(`c.${column}`).where('c.talk_id', '=', sql.ref('t.id'))}), '[]')`;
  const rows = (page: { compile(): unknown }) => sql`(SELECT coalesce(json_agg(page), '[]') FROM (${page}) page)`;
  const compiled = (query: { compile(): { sql: string; parameters: readonly unknown[] } }): SentStatement => {
    const { sql: text, parameters } = query.compile();
    return { text, params: parameters };
  };
  return {
    'talks-by-project': ({ slug }) => {
      const roots = db
        .selectFrom('project_key as k')
        .innerJoin('project as p', 'p.id', 'k.project_id')
        .distinctOn('k.key')
        .select(['k.key as __key', 'p.id as __root_id', json(Project, 'p').as('__root')])
        .where('k.key', '=', sql<string>`ANY((SELECT ${[slug]}::text[])::text[])`)
        .orderBy('k.key')
        .orderBy('p.id');
      const page = db
        .selectFrom('talk_project as rp')
        .innerJoin('talk as t', 't.id', 'rp.talk_id')
        .innerJoin('event as e', 'e.id', 't.event_id')
        .select(entitySelect(Talk, 't', TALK_PAGE_FIELDS))
        .select([json(Event, 'e', EVENT_FIELDS).as('__event'), card('credits').as('__credits'), card('projects').as('__projects')])
        .select(['rp.talk_id as __id', sql`(rp.talk_date_key)::text`.as('__k0'), sql`(rp.talk_position)::text`.as('__k1')])
        .where(sql.ref('rp.project_id'), '=', sql.ref('root.__root_id'))
        .where('t.withdrawn_at', 'is', null)
        .orderBy('rp.talk_date_key', 'desc')
        .orderBy('rp.talk_position', 'desc')
        .orderBy('rp.talk_id', 'desc')
        .limit(sql.lit(51));
      return [compiled(db.selectFrom(roots.as('root')).select(['root.__key', 'root.__root_id', 'root.__root', rows(page).as('__rows')]))];
    },
    'event-page': ({ slug }) => {
      const roots = db
        .selectFrom('event as e')
        .leftJoin('community as c', 'c.id', 'e.community_id')
        .select([
          'e.slug as __key',
          'e.id as __root_id',
          sql`json_build_object('event', ${json(Event, 'e')}, 'community', ${json(Community, 'c')})`.as('__root'),
        ])
        .where('e.slug', '=', sql<string>`ANY((SELECT ${[slug]}::text[])::text[])`);
      const speakerCredits = sql`(${db
        .selectFrom('talk_speaker as ets')
        .innerJoin('speaker as es', 'es.id', 'ets.speaker_id')
        .select(
          sql`coalesce(json_agg(json_build_object('role', ets.role, 'speaker', ${json(Speaker, 'es', ['id', 'name', 'affiliation'])}) ORDER BY ets.position, es.id), '[]')`.as(
            'credits',
          ),
        )
        .where('ets.talk_id', '=', sql.ref('t.id'))})`;
      const page = db
        .selectFrom('talk as t')
        .innerJoin('event as e', 'e.id', 't.event_id')
        .select(entitySelect(Talk, 't', AGENDA_FIELDS))
        .select([speakerCredits.as('__credits'), card('projects').as('__projects')])
        .select(['t.id as __id', sql`(t.date_key)::text`.as('__k0'), sql`(t.position)::text`.as('__k1')])
        .where(sql.ref('t.event_id'), '=', sql.ref('root.__root_id'))
        .where('t.withdrawn_at', 'is', null)
        .orderBy('t.date_key', 'asc')
        .orderBy('t.position', 'asc')
        .orderBy('t.id', 'asc')
        .limit(sql.lit(101));
      return [compiled(db.selectFrom(roots.as('root')).select(['root.__key', 'root.__root_id', 'root.__root', rows(page).as('__rows')]))];
    },
    'node-lookups': ({ talkIds, speakerIds, eventIds }) => [
      compiled(
        db
          .selectFrom('talk as x')
          .select(entitySelect(Talk, 'x'))
          .where('x.id', '=', sql<number>`ANY(${talkIds}::int[])`),
      ),
      compiled(
        db
          .selectFrom('speaker as x')
          .select(entitySelect(Speaker, 'x'))
          .where('x.id', '=', sql<number>`ANY(${speakerIds}::int[])`),
      ),
      compiled(
        db
          .selectFrom('event as x')
          .select(entitySelect(Event, 'x'))
          .where('x.id', '=', sql<number>`ANY(${eventIds}::int[])`),
      ),
    ],
  };
}

/** Microseconds per call of `build`, the median of five rounds of `iterations` calls each. */
function timePerCall(build: () => unknown, iterations: number): number {
  for (let i = 0; i < iterations / 10; i++) build();
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) build();
    rounds.push(((performance.now() - start) * 1000) / iterations);
  }
  return rounds.sort((a, b) => a - b)[2];
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 20000);
  const kysely = await import('kysely');
  const db = new kysely.Kysely<Schema>({
    dialect: {
      createAdapter: () => new kysely.PostgresAdapter(),
      createDriver: () => new kysely.DummyDriver(),
      createIntrospector: (k) => new kysely.PostgresIntrospector(k),
      createQueryCompiler: () => new kysely.PostgresQueryCompiler(),
    },
  });
  const withKysely = kyselyBuilders(kysely, db);
  const captured = await captureStatements();
  const nodes = captured.subjects.nodes;
  const inputs: Record<(typeof HOT_SCENARIOS)[number], Inputs> = Object.fromEntries(
    HOT_SCENARIOS.map((name) => [
      name,
      {
        slug: name === 'event-page' ? captured.subjects.event : captured.subjects.project,
        talkIds: nodes.filter((n) => n.type === 'Talk').map((n) => n.id),
        speakerIds: nodes.filter((n) => n.type === 'Speaker').map((n) => n.id),
        eventIds: nodes.filter((n) => n.type === 'Event').map((n) => n.id),
      },
    ]),
  ) as never;
  // `talks-by-project` asks by slug; the server folds it to the project's key first.
  inputs['talks-by-project'].slug = String((captured.sent['talks-by-project'][0].params[0] as string[])[0]);
  let failed = false;
  const rowsOf = async (statements: SentStatement[]) =>
    JSON.stringify(await Promise.all(statements.map((s) => captured.db.query(s.text, s.params))));
  console.log(
    `| scenario | statements | today's text | vocabulary: same text | vocabulary µs/request | Kysely: same text | Kysely: same rows | Kysely µs/request |`,
  );
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const name of HOT_SCENARIOS) {
    const sent = captured.sent[name];
    const ours = vocabulary[name](inputs[name]);
    const theirs = withKysely[name](inputs[name]);
    const sameText = JSON.stringify(ours) === JSON.stringify(sent.map(({ text, params }) => ({ text, params })));
    const kyselyText = theirs.every((s, i) => s.text === sent[i]?.text);
    const today = await rowsOf(sent);
    const kyselyRows = (await rowsOf(theirs)) === today && (await rowsOf(ours)) === today;
    if (!sameText || !kyselyRows) {
      failed = true;
      for (const [i, s] of sent.entries())
        if (ours[i]?.text !== s.text) console.error(`${name} #${i}\n  sent: ${s.text}\n  ours: ${ours[i]?.text}`);
    }
    const ourTime = timePerCall(() => vocabulary[name](inputs[name]), iterations);
    const kyselyTime = timePerCall(() => withKysely[name](inputs[name]), iterations / 10);
    console.log(
      `| ${name} | ${sent.length} | ${sent.reduce((n, s) => n + s.text.length, 0)} chars | ${sameText ? 'yes' : 'NO'} | ${ourTime.toFixed(2)} | ${kyselyText ? 'yes' : 'no'} | ${kyselyRows ? 'yes' : 'NO'} | ${kyselyTime.toFixed(2)} |`,
    );
  }
  console.log(`\nKysely's text for node-lookups, first statement:\n${withKysely['node-lookups'](inputs['node-lookups'])[0].text}`);
  await captured.stop();
  if (failed) process.exitCode = 1;
}

void main();
