import Module from 'node:module';

/**
 * Preloaded (`node --require`) into every benchmarked server: counts the SQL statements the
 * process sends through node-postgres, whichever copy of `pg` a server loads, and answers the
 * orchestrator's `stats` message over the IPC channel. One method for all three servers, so
 * "statements per request" means the same thing in every column of the report.
 */
let statements = 0;
const patched = new WeakSet<object>();

function patch(pg: { Client?: { prototype: { query: (...args: unknown[]) => unknown } } }): void {
  const proto = pg?.Client?.prototype;
  if (!proto || patched.has(proto)) return;
  patched.add(proto);
  const query = proto.query;
  proto.query = function countedQuery(this: unknown, ...args: unknown[]) {
    statements++;
    return query.apply(this, args);
  };
}

const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function loadCounted(
  request: string,
  ...rest: unknown[]
) {
  const loaded = load.call(this, request, ...rest);
  if (request === 'pg') patch(loaded as Parameters<typeof patch>[0]);
  return loaded;
};

process.on('message', (message: unknown) => {
  if (message === 'stats') process.send?.({ statements });
});
