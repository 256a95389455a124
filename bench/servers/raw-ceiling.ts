import http from 'node:http';
import { Pool } from 'pg';
import { scenarios } from '../scenarios';
import { cardsStatement } from './cards-ceiling-statements';

/**
 * The ceilings: `node:http` and `pg`, no GraphQL. `POST /<scenario>` with the scenario's subjects
 * as the JSON body runs that scenario's one hand-written statement, which builds eventgraph's
 * whole response in PostgreSQL; the server writes the text it gets back. `CEILING=normalized`
 * sends statements that join the normalized tables (`Scenario.raw`); `CEILING=cards` sends
 * statements over the talk cards, tallies and keys eventgraph reads (`cards-ceiling-statements.ts`).
 */
const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
const ceiling = process.env.CEILING ?? 'normalized';
if (!url || !port) throw new Error('DATABASE_URL and PORT are required');
if (ceiling !== 'normalized' && ceiling !== 'cards') throw new Error(`CEILING must be "normalized" or "cards", not "${ceiling}"`);

const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const byPath = new Map(scenarios.map((s) => [`/${s.name}`, ceiling === 'cards' ? cardsStatement(s) : s.raw]));

http
  .createServer((req, res) => {
    const statement = byPath.get(req.url ?? '');
    if (req.method !== 'POST' || !statement) {
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
      const sql = typeof statement.sql === 'function' ? statement.sql(subjects) : statement.sql;
      pool.query<{ body: string }>(sql, statement.params(subjects)).then(
        (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(result.rows[0].body),
        (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message })),
      );
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`${ceiling} ceiling ready on ${port}`));
