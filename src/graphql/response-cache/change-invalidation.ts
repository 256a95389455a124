import type { ResponseCacheInvalidation } from '../../config';
import type { CommittedChange, Database } from '../../database/database';
import type { NotificationHandlers } from '../../database/notification-listener';
import { byKeysTag, isKey, KEYED_TABLES } from './keyed-tables';
import type { ResponseCache } from './response-cache';

/** The channel the ChangeNotifications migration's triggers notify, with the changed table's name. */
export const CHANGES_CHANNEL = 'eventgraph_changes';

/** One table's change, as a notification or a commit says it: with the keys its rows named, or null (any row). */
export interface TableChange {
  table: string;
  keys: readonly string[] | null;
}

const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * What a notification's payload says changed: a table name alone (any of its rows), or, from the
 * keyed tables, `<table>|<key> <key> …` (migration ChangedKeys). Anything else (a hand-made
 * NOTIFY, a payload from a later version) cannot say what changed, so everything counts as changed.
 */
export function changeNotified(payload: string): TableChange | undefined {
  const bar = payload.indexOf('|');
  const table = bar < 0 ? payload : payload.slice(0, bar);
  if (!TABLE.test(table)) return undefined;
  if (bar < 0) return { table, keys: null };
  const keys = payload
    .slice(bar + 1)
    .split(' ')
    .filter(Boolean);
  return keys.every(isKey) ? { table, keys } : undefined;
}

/**
 * The tags a change forgets. With `tables`, its tables. With `keys`, also the keys it named; a
 * change of a keyed table that named none (too many, or TRUNCATE) also forgets the answers that
 * read the table by key (`byKeysTag`).
 */
export function tagsChanged(changes: readonly TableChange[], forget: 'tables' | 'keys'): string[] {
  const tags: string[] = [];
  for (const { table, keys } of changes) {
    tags.push(table);
    if (forget === 'tables' || !KEYED_TABLES.has(table)) continue;
    if (keys) tags.push(...keys);
    else tags.push(byKeysTag(table));
  }
  return tags;
}

/** A committed transaction's change as `TableChange`s: its keys (null: past the bound) belong to its keyed tables. */
function commitChanges({ tables, keys }: CommittedChange): TableChange[] {
  return tables.map((table) => ({ table, keys: KEYED_TABLES.has(table) ? keys : null }));
}

/**
 * Keeps `cache` true to the database. Every writer's commit (mutations, ingest, other instances,
 * hand-run SQL) arrives as a NOTIFY; this process's own commits also invalidate at once, so a
 * client reads its write on the same instance before the NOTIFY comes round. Each change forgets
 * only the answers that read a table it wrote (`tables`), or with `keys` only those that read a
 * key it named or read its table other than by key (see `tagsChanged`).
 */
export async function invalidateOnChange(
  cache: ResponseCache,
  db: Database,
  log: (message: string, error?: unknown) => void,
  heartbeatMs: number | undefined,
  forget: ResponseCacheInvalidation,
): Promise<{ stop(): Promise<void> }> {
  const changed = (changes: readonly TableChange[] | undefined) =>
    cache.invalidate(forget === 'all' || !changes ? undefined : tagsChanged(changes, forget));
  const offCommit = db.onCommit((change) => changed(commitChanges(change)));
  // Said once when the listener is lost and once when it is back, not on every retry.
  let lost = false;
  const handlers: NotificationHandlers = {
    notified: (payload) => {
      const change = changeNotified(payload);
      changed(change && [change]);
    },
    listening: (on) => {
      cache.setListening(on);
      if (on && lost) log('Response cache: hearing database changes again');
      if (on) lost = false;
    },
    error: (error) => {
      if (!lost) log('Response cache: not hearing database changes, so answering uncached until the listener reconnects', error);
      lost = true;
    },
  };
  const listener = await db.listen(CHANGES_CHANNEL, handlers, heartbeatMs);
  return {
    async stop() {
      offCommit();
      await listener.stop();
    },
  };
}
