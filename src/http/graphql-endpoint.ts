import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { setMaxListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { RateLimiter } from './rate-limit';
import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';
import { sendJson } from './send-json';

export interface GraphqlEndpointOptions<C extends BaseContext> {
  maxBodyBytes: number;
  requestTimeoutMs: number;
  rateLimit: RateLimiter;
  /** Checks a query's text before Apollo parses it; an error is answered 400 as Apollo answers its own. */
  guard?: (query: string) => GraphQLError | null;
  /**
   * The request's context; `res` takes headers (such as the key's rate limit) set before Apollo's,
   * `signal` aborts once the request was answered with a timeout, at `deadline`.
   */
  context: (req: IncomingMessage, res: ServerResponse, deadline: { signal: AbortSignal; deadline: number }) => Promise<C>;
  /** Called with the request's context once its answer is written (or has failed). */
  release?: (context: C) => void;
  log: (message: string, error?: unknown) => void;
}

/** A request that could not be read, with the status and message it is answered with. */
class UnreadableBody extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
  ) {
    super(message);
  }
}

/**
 * `/graphql` on plain `node:http`: the deadline, the rate limits, the JSON body, then Apollo.
 * Every request of the API comes through here, so it skips what Express would add per request
 * (routing through every middleware, an ETag computed over each response body, content
 * negotiation) and that nobody asks of a POST; the playground, dashboard and feeds stay on Express.
 */
export function graphqlEndpoint<C extends BaseContext>(apollo: ApolloServer<C>, options: GraphqlEndpointOptions<C>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const deadline = Date.now() + options.requestTimeoutMs;
    const abandoned = new AbortController();
    // Each of the request's statements waiting for PGlite listens: as many as its statement budget.
    setMaxListeners(0, abandoned.signal);
    const timer = setTimeout(() => {
      sendJson(res, 503, {
        errors: [
          {
            message: `The request took longer than ${options.requestTimeoutMs} ms and was abandoned; try again.`,
            extensions: { code: 'TIMEOUT' },
          },
        ],
      });
      // Nobody reads the rest of the answer: its statements not yet sent are dropped, on PGlite from the queue.
      abandoned.abort();
    }, options.requestTimeoutMs);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
    let context: C | undefined;
    try {
      if (!(await options.rateLimit.address(req, res))) return;
      let body: unknown;
      try {
        body = await readJsonBody(req, options.maxBodyBytes);
      } catch (error) {
        if (!(error instanceof UnreadableBody)) throw error;
        // The rest of a refused body is not read: the connection closes after the answer.
        if (!req.readableEnded) res.setHeader('connection', 'close');
        sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
        return;
      }
      const query = req.url!.indexOf('?');
      const search = query < 0 ? '' : req.url!.slice(query);
      const text = (body as { query?: unknown } | undefined)?.query ?? new URLSearchParams(search).get('query');
      const nesting = nestingError(body, search);
      if (nesting) {
        sendJson(res, 400, { errors: [nesting] });
        return;
      }
      const refused = typeof text === 'string' ? options.guard?.(text) : null;
      if (refused) {
        sendJson(res, 400, { errors: [refused.toJSON()] });
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search, body },
        context: async () => (context = await options.context(req, res, { signal: abandoned.signal, deadline })),
      });
      if (res.headersSent) return;
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.setHeader('content-length', Buffer.byteLength(response.body.string));
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      options.log('HTTP request failed', error);
      sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    } finally {
      if (context) options.release?.(context);
    }
  };
}

/**
 * The error for variables (BAD_USER_INPUT) or another member of the request (BAD_REQUEST) nested
 * deeper than MAX_JSON_NESTING, in the JSON body or a GET's query string; null when none is.
 */
function nestingError(body: unknown, search: string): { message: string; extensions: { code: string } } | null {
  const members = new Map<string, unknown>(body && typeof body === 'object' ? Object.entries(body) : []);
  if (body === undefined && search) {
    for (const [name, value] of new URLSearchParams(search)) {
      if (name !== 'variables' && name !== 'extensions') continue;
      try {
        members.set(name, JSON.parse(value));
      } catch {
        // Apollo answers JSON it cannot read with its own message.
      }
    }
  }
  for (const [name, value] of members) {
    if (!nestsDeeperThan(value, MAX_JSON_NESTING)) continue;
    return name === 'variables'
      ? {
          message: `A variable nests arrays or objects more than ${MAX_JSON_NESTING} levels deep; no argument takes values nested that deep.`,
          extensions: { code: 'BAD_USER_INPUT' },
        }
      : {
          message: `The request's \`${name.slice(0, 40)}\` nests arrays or objects more than ${MAX_JSON_NESTING} levels deep.`,
          extensions: { code: 'BAD_REQUEST' },
        };
  }
  return null;
}

/**
 * The request's JSON body, as Express's `json()` read it: only for a JSON content type (else
 * undefined, which Apollo refuses with its own message), UTF-8, gzip or deflate allowed, at most
 * `limit` bytes once inflated, an object or array at the top. An empty body is `{}`.
 */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const [mediaType, ...parameters] = (req.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(mediaType)) return undefined;
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new UnreadableBody(415, `The request body must be UTF-8 JSON, not ${charset}.`);
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw new UnreadableBody(413, `The request body is larger than the limit of ${limit} bytes.`);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable = req;
  if (encoding === 'gzip') stream = req.pipe(zlib.createGunzip());
  else if (encoding === 'deflate') stream = req.pipe(zlib.createInflate());
  else if (encoding !== 'identity')
    throw new UnreadableBody(415, `The request body's encoding "${encoding}" is not supported; send it plain, gzip or deflate.`);
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    let size = 0;
    const stop = (error: UnreadableBody) => {
      // Reading stops, but nothing is destroyed: the answer still goes out, then the connection closes.
      stream.removeAllListeners('data');
      stream.pause();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(new UnreadableBody(413, `The request body is larger than the limit of ${limit} bytes.`));
      else chunks.push(chunk);
    });
    stream.once('end', resolve);
    // A client that goes away mid-body: nobody is left to answer, but the request must not hang.
    req.once('close', () => req.complete || stop(new UnreadableBody(400, 'The request body ended before its length.')));
    stream.once('error', () =>
      stop(new UnreadableBody(400, 'The request could not be read; send a JSON body with `query` and optional `variables`.')),
    );
  });
  const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
  const start = /\S/.exec(text);
  if (!start) return {};
  if (start[0] !== '{' && start[0] !== '[') throw new UnreadableBody(400, 'The request body is not valid JSON.');
  try {
    return JSON.parse(text);
  } catch {
    throw new UnreadableBody(400, 'The request body is not valid JSON.');
  }
}
