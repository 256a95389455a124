import type { ResponseCacheInvalidation } from '../../config';
import type { Database } from '../../database/database';
import type { NotificationHandlers } from '../../database/notification-listener';
import type { ResponseCache } from './response-cache';

/** The channel the ChangeNotifications migration's triggers notify, with the changed table's name. */
export const CHANGES_CHANNEL = 'eventgraph_changes';

/**
 * The tables a notification's payload names: one table name. Anything else (a hand-made NOTIFY,
 * a payload from a later version) cannot say what changed, so everything counts as changed.
 */
export function tablesNotified(payload: string): string[] | undefined {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(payload) ? [payload] : undefined;
}

/**
 * Keeps `cache` true to the database. Every writer's commit (mutations, ingest, other instances,
 * hand-run SQL) arrives as a NOTIFY; this process's own commits also invalidate at once, so a
 * client reads its write on the same instance before the NOTIFY comes round. Each change forgets
 * only the answers that read a table it wrote.
 */
export async function invalidateOnChange(
  cache: ResponseCache,
  db: Database,
  log: (message: string, error?: unknown) => void,
  heartbeatMs?: number,
  forget: ResponseCacheInvalidation = 'tables',
): Promise<{ stop(): Promise<void> }> {
  const changed = (tables: Iterable<string> | undefined) => cache.invalidate(forget === 'tables' ? tables : undefined);
  const offCommit = db.onCommit(changed);
  // Said once when the listener is lost and once when it is back, not on every retry.
  let lost = false;
  const handlers: NotificationHandlers = {
    notified: (payload) => changed(tablesNotified(payload)),
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
