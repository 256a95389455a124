import './one-graphql';
import http from 'node:http';
import PgManyToManyPlugin from '@graphile-contrib/pg-many-to-many';
import PgSimplifyInflectorPlugin from '@graphile-contrib/pg-simplify-inflector';
import { postgraphile } from 'postgraphile';

/**
 * PostGraphile 4 over the benchmark database, set up the way its documentation recommends for
 * speed: simple collections (plain lists beside connections), the many-to-many and simplified
 * inflector plugins, no query log, no watch mode. The SQL functions its schema needs to express
 * the benchmark's questions are created by `postgraphileFunctions` before it starts.
 */
const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
if (!url || !port) throw new Error('DATABASE_URL and PORT are required');

const middleware = postgraphile(url, 'public', {
  appendPlugins: [PgSimplifyInflectorPlugin, PgManyToManyPlugin],
  simpleCollections: 'both',
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: true,
  disableQueryLog: true,
  enableQueryBatching: false,
  legacyRelations: 'omit',
  retryOnInitFail: false,
  graphiql: false,
});

http.createServer(middleware).listen(port, '127.0.0.1', () => {
  console.log(`postgraphile ready on ${port}`);
});
