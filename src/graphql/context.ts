import { randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/viewer';
import { createCommunityLoaders } from '../communities/community.loaders';
import type { Database, SqlRunner } from '../database/database';
import { createEventLoaders } from '../events/event.loaders';
import { createProjectLoaders } from '../projects/project.loaders';
import { createSourceLoaders } from '../sources/source.loaders';
import { createSpeakerLoaders } from '../speakers/speaker.loaders';
import { createTalkLoaders } from '../talks/talk.loaders';
import { ListLoader } from './list-loader';

/** Every per-request loader, by name. */
export type Loaders = ReturnType<typeof createLoaders>;

function createLoaders(sql: SqlRunner) {
  return {
    ...createCommunityLoaders(sql),
    ...createProjectLoaders(sql),
    ...createEventLoaders(sql),
    ...createTalkLoaders(sql),
    ...createSpeakerLoaders(sql),
    ...createSourceLoaders(sql),
  };
}

/** What every resolver of one request sees. */
export interface Context {
  requestId: string;
  /** The API key's holder; null for anonymous readers. */
  viewer: Viewer | null;
  db: Database;
  /** Runs SQL and counts it against this request. */
  sql: SqlRunner;
  /** How many SQL statements this request has run. */
  statements: { count: number };
  loaders: Loaders;
  lists: ListLoader;
}

/** A fresh context with fresh loaders: nothing cached crosses requests. */
export function createContext(db: Database, requestId: string = randomUUID(), viewer: Viewer | null = null): Context {
  const statements = { count: 0 };
  const sql: SqlRunner = (text, params) => {
    statements.count++;
    return db.query(text, params);
  };
  let loaders: Loaders | undefined;
  return {
    requestId,
    viewer,
    db,
    sql,
    statements,
    // Made on first use: a request served by list pages and what they embed needs none of them.
    get loaders() {
      return (loaders ??= createLoaders(sql));
    },
    lists: new ListLoader(sql),
  };
}
