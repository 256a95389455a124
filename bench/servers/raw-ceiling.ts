import http from 'node:http';
import { Pool } from 'pg';
import { scenarios } from '../scenarios';

/**
 * The ceiling: `node:http` and `pg`, no GraphQL. `POST /<scenario>` with the scenario's subjects
 * as the JSON body runs that scenario's one hand-written statement, which builds eventgraph's
 * whole response in PostgreSQL; the server writes the text it gets back.
 */
const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
if (!url || !port) throw new Error('DATABASE_URL and PORT are required');

const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const byPath = new Map(scenarios.map((s) => [`/${s.name}`, s]));

http
  .createServer((req, res) => {
    const scenario = byPath.get(req.url ?? '');
    if (req.method !== 'POST' || !scenario) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"POST /<scenario>"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let subjects;
      try {
        subjects = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"body must be JSON"}');
        return;
      }
      const sql = typeof scenario.raw.sql === 'function' ? scenario.raw.sql(subjects) : scenario.raw.sql;
      pool.query<{ body: string }>(sql, scenario.raw.params(subjects)).then(
        (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(result.rows[0].body),
        (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message })),
      );
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`raw ceiling ready on ${port}`));
