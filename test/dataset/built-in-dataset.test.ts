import { readFileSync } from 'fs';
import { join } from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInDataset, seed, sofastackEventFacts } from '../../src/dataset/seed';
import { eventIdentity } from '../../src/ingest/event-identity';
import { PROJECTS } from '../../src/ingest/project-dictionary';
import { changedAnything } from '../../src/ingest/write-counts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const GENERATED = join(__dirname, '..', '..', 'src', 'dataset', 'sofastack-events.json');

describe('builtInDataset', () => {
  it('holds every event once: no two events share a slug or a community, day and title', () => {
    const events = Object.values(builtInDataset).flatMap((facts) => facts.events ?? []);
    expect(events.length).toBeGreaterThan(50);
    expect(new Set(events.map((e) => e.slug)).size).toBe(events.length);
    const identities = events.map(eventIdentity).filter((key) => key !== null);
    expect(new Set(identities).size).toBe(identities.length);
  });

  it('keeps the generated dataset to facts: no descriptions, abstracts or biographies', () => {
    expect(readFileSync(GENERATED, 'utf8')).not.toMatch(/"(description|abstract|bio)"/);
  });
});

describe('seed', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test?.drop());

  it('loads the built-in dataset with every project of the dictionary, aliases included', async () => {
    await seed(test.db);
    const [{ projects }] = await test.db.query<{ projects: number }>(`SELECT count(*)::int AS projects FROM project`);
    // The dictionary's projects, and those the generated pages brought beyond it (from the landscape or a linked repository).
    expect(projects).toBe(PROJECTS.length + (sofastackEventFacts.projects ?? []).length);
    const [former] = await test.db.query<{ slug: string }>(
      `SELECT p.slug FROM project p JOIN project_alias a ON a.project_id = p.id WHERE a.alias = 'SOFAServerless'`,
    );
    expect(former.slug).toBe('koupleless');
  });

  it('changes nothing when run again', async () => {
    const again = await seed(test.db);
    expect(changedAnything(again)).toBe(false);
  });
});
