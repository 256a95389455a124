import Module from 'node:module';
import path from 'node:path';

/**
 * PostGraphile 4 needs graphql 15 while eventgraph runs graphql 16, so npm installs graphql 15
 * twice (under `postgraphile` and under `graphile-build-pg`), and graphql refuses types from
 * another copy ("Cannot use GraphQLNonNull from another module or realm"). Imported first in the
 * PostGraphile server, this makes every `graphql` import in that process resolve to the copy
 * under `postgraphile`, which is what a project using only PostGraphile gets from npm.
 */
const postgraphileDir = path.dirname(require.resolve('postgraphile/package.json'));
const graphql15 = path.join(postgraphileDir, 'node_modules', 'graphql');
type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const resolver = Module as unknown as { _resolveFilename: Resolve };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function resolveOneGraphql(request, parent, ...rest) {
  if (request === 'graphql' || request.startsWith('graphql/')) {
    return resolve.call(this, graphql15 + request.slice('graphql'.length), parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};
