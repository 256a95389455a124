import { randomUUID } from 'node:crypto';
import type { Context, Loaders } from '../graphql/context';
import type { Viewer } from '../graphql/viewer';
import { createCommunityLoaders } from '../communities/community.loaders';
import type { Database, ReadOptions, SqlRunner } from '../database/database';
import type { ReadRoute } from '../database/replicas/read-route';
import { createEventLoaders } from '../events/event.loaders';
import { createMergeLoaders } from '../merges/merge.loaders';
import { createProjectLoaders } from '../projects/project.loaders';
import { createSourceLoaders } from '../sources/source.loaders';
import { createSpeakerLoaders } from '../speakers/speaker.loaders';
import { createTalkLoaders } from '../talks/talk.loaders';
import { keyedTagsRead } from '../graphql/response-cache/keyed-tables';
import { tablesRead } from '../graphql/response-cache/tables-read';
import { refusedStatementError, StatementBudget, type StatementBudgetLimits } from '../graphql/limits/statement-budget';
import { ListLoader } from '../lists/list-loader';
import { createNodeLoaders } from './node.loaders';

// Object.assign rather than a literal of spreads: V8 (Node 20) keeps an object built as `{ ...a, ...b }`
// alive through the next young-generation collections, and with it every loader and all they cached
// (measured in bench/results/optimizations.md). Nested, since only Object.assign's overloads of up
// to three sources are typed: so the compiler checks that this makes every loader a folder adds to
// `Loaders`.
function createLoaders(sql: SqlRunner): Loaders {
  const loaders = Object.assign(
    Object.assign(
      Object.assign({}, createCommunityLoaders(sql), createProjectLoaders(sql), createEventLoaders(sql)),
      createTalkLoaders(sql),
      createSpeakerLoaders(sql),
      createSourceLoaders(sql),
    ),
    createMergeLoaders(sql),
  );
  // The node loader primes the loaders of each type, so it is handed the object they are on.
  return Object.assign(loaders, createNodeLoaders(sql, loaders));
}

/**
 * One request's context. A class, not an object literal with a getter: Apollo copies the context
 * (`Object.assign` onto an object of the same prototype), which called a literal's `loaders`
 * getter and so made every loader on every request; here the getter lives on the prototype and
 * the copy makes loaders only when a resolver asks. And a literal's getter gives each context a
 * hidden class of its own, which V8 keeps until the next full collection, and with it the
 * request's data.
 */
class RequestContext implements Context {
  readonly statements: StatementBudget;
  readonly sql: SqlRunner;
  readonly tablesRead = new Set<string>();
  readonly tagsRead = new Set<string>();
  readonly lists: ListLoader;
  /** Shared by reference with Apollo's copy, so that `release` reaches the loaders the copy made. */
  private readonly made: { loaders?: Loaders } = {};

  constructor(
    readonly db: Database,
    readonly requestId: string,
    readonly viewer: Viewer | null,
    { budget, signal, deadline }: RequestLimits,
    readonly reads: ReadRoute,
  ) {
    const statements = (this.statements = new StatementBudget(budget));
    const limits = { signal, deadline };
    const tablesReadNow = this.tablesRead;
    const tagsReadNow = this.tagsRead;
    this.sql = async <T>(text: string, params?: readonly unknown[], options?: ReadOptions<T>) => {
      const keys = options?.keys;
      statements.chargeStatement();
      const words = tablesRead(text);
      for (const table of words) tablesReadNow.add(table);
      // A statement not confined to keys is tagged with its tables before it runs, whatever comes of it.
      if (!keys) for (const table of words) tagsReadNow.add(table);
      let rows: T[];
      try {
        rows = await reads.query<T>(text, params, limits);
      } catch (error) {
        for (const table of words) tagsReadNow.add(table);
        throw refusedStatementError(error);
      }
      statements.chargeRows(rows as Record<string, unknown>[]);
      if (keys) for (const tag of keyedTagsRead(words, keys(rows))) tagsReadNow.add(tag);
      return rows;
    };
    this.lists = new ListLoader(this.sql);
  }

  // Made on first use: a request served by list pages and what they embed needs none of them.
  get loaders(): Loaders {
    return (this.made.loaders ??= createLoaders(this.sql));
  }

  /**
   * Drops what the request loaded once its answer is written. Anything that still points at the
   * context (a closure of Apollo's, a hidden class awaiting collection) then holds a few small
   * objects instead of every row and page, which young-generation collections would copy.
   */
  release(): void {
    this.made.loaders = undefined;
    this.lists.release();
  }
}

/** What bounds one request's SQL. */
export interface RequestLimits {
  /** Statements and rows the request may spend. */
  budget: StatementBudgetLimits;
  /** Aborted when the request was answered with a timeout: no statement of it is sent after that. */
  signal?: AbortSignal;
  /** When the request is answered with a timeout (`Date.now()` ms); on PGlite no statement waits past it. */
  deadline?: number;
}

/** Without a configuration (scripts, tests of the context): budgets no answer of the schema reaches. */
const UNLIMITED: RequestLimits = { budget: { statements: Infinity, rows: Infinity } };

/**
 * A fresh context with fresh loaders: nothing cached crosses requests. `reads` says where its
 * statements go; by default the primary.
 */
export function createContext(
  db: Database,
  requestId: string = randomUUID(),
  viewer: Viewer | null = null,
  limits: RequestLimits = UNLIMITED,
  reads: ReadRoute = db.readRoute([]),
): Context {
  return new RequestContext(db, requestId, viewer, limits, reads);
}
