import 'reflect-metadata';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlRunner } from '../../src/database/database';
import { builtInDataset, seed } from '../../src/dataset/seed';
import { projectKey } from '../../src/database/name-key';
import { ListLoader } from '../../src/lists/list-loader';
import type { Selection } from '../../src/lists/lookahead';
import { OrderDirection } from '../../src/graphql/order-direction.enum';
import { projectByKeyRoot } from '../../src/projects/project.loaders';
import { talkList } from '../../src/talks/talk.list';
import { TalkOrderField } from '../../src/talks/talk.order';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

// A prepared statement whose plan depends on its values is planned again on every execution;
// list pages under a parent are shaped (parent ids behind a sub-select, page size in the text)
// so that PostgreSQL settles on one generic plan. Planning was a third of a talk page's cost.
// PGlite runs statements unprepared, so this is a PostgreSQL test only.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!onPostgres)('list pages under a parent keep one generic plan (PostgreSQL only; skipped without TEST_DATABASE_URL)', () => {
  let database: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db, builtInDataset);
    client = new Client({ connectionString: database.url! });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  /** Runs every statement on one connection as one named prepared statement per text. */
  const names = new Map<string, string>();
  const run: SqlRunner = async (text, params) => {
    if (!names.has(text)) names.set(text, `plan_test_${names.size}`);
    return (await client.query({ name: names.get(text), text, values: params as unknown[] })).rows;
  };
  const plans = async () =>
    (
      await client.query<{ name: string; generic_plans: string; custom_plans: string }>(
        `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'plan_test_%' ORDER BY name`,
      )
    ).rows.map((row) => ({ name: row.name, generic: Number(row.generic_plans), custom: Number(row.custom_plans) }));

  it("a project's talk page with embedded relations, and its count, stop being planned per execution", async () => {
    const projects = (
      await client.query<{ id: number }>(
        `SELECT project_id AS id FROM talk_project GROUP BY project_id ORDER BY count(*) DESC, project_id LIMIT 3`,
      )
    ).rows;
    expect(projects.length, 'the built-in dataset links talks to projects').toBeGreaterThan(0);
    const selection: Selection = new Map([
      ['title', new Map()],
      ['event', new Map([['title', new Map()]])],
      ['speakers', new Map([['name', new Map()]])],
      ['projects', new Map([['name', new Map()]])],
    ]);
    let read = 0;
    for (let i = 0; i < 12; i++) {
      // A fresh loader each time, as each request has; the parents vary as requests' do.
      const project = projects[i % projects.length];
      const page = new ListLoader(run).page(
        talkList,
        { first: 20 },
        { field: TalkOrderField.DATE, direction: OrderDirection.DESC },
        { relation: 'project', id: project.id },
        selection,
      );
      read += (await page.edges()).length;
      expect(await page.count()).toBeGreaterThan(0);
    }
    expect(read).toBeGreaterThan(0);
    const prepared = await plans();
    expect(prepared).toHaveLength(2);
    for (const statement of prepared) {
      // PostgreSQL tries five custom plans, then keeps the generic one when it costs no more.
      expect(statement.custom, `${statement.name} planned per execution`).toBeLessThanOrEqual(5);
      expect(statement.generic, `${statement.name} never used a generic plan`).toBeGreaterThanOrEqual(7);
    }
  });

  it('a project looked up by slug with its first page of talks stops being planned per execution', async () => {
    const earlier = new Set(names.values());
    const projects = (
      await client.query<{ slug: string }>(
        `SELECT p.slug FROM talk_project tp JOIN project p ON p.id = tp.project_id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 3`,
      )
    ).rows;
    const selection: Selection = new Map([
      ['title', new Map()],
      ['event', new Map([['title', new Map()]])],
      ['speakers', new Map([['name', new Map()]])],
      ['projects', new Map([['name', new Map()]])],
    ]);
    for (let i = 0; i < 12; i++) {
      const slug = projects[i % projects.length].slug;
      const found = await new ListLoader(run).rootWithPage(
        projectByKeyRoot,
        projectKey(slug),
        talkList,
        { first: 20 },
        { field: TalkOrderField.DATE, direction: OrderDirection.DESC },
        'project',
        selection,
      );
      expect(found?.slug).toBe(slug);
    }
    const prepared = (await plans()).filter((statement) => !earlier.has(statement.name));
    expect(prepared).toHaveLength(1);
    expect(prepared[0].custom, 'planned per execution').toBeLessThanOrEqual(5);
    expect(prepared[0].generic, 'never used a generic plan').toBeGreaterThanOrEqual(7);
  });
});
