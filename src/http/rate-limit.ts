import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ipKeyGenerator, MemoryStore, type Options, type Store } from 'express-rate-limit';
import type Redis from 'ioredis';
import proxyAddr from 'proxy-addr';
import { RedisStore } from 'rate-limit-redis';
import { sendJson } from './send-json';

/** How many requests are allowed, per what, over which window. */
export interface RateLimitOptions {
  windowMs: number;
  perAddress: number;
  perKey: number;
  /** Hops of proxies whose `X-Forwarded-For` names the client address (0 trusts none), as Express's `trust proxy`. */
  trustProxyHops: number;
  /** Shared counters; in-process memory when absent. */
  redis?: Redis | null;
  log: (message: string, error?: unknown) => void;
}

/**
 * Counts requests: `address` before anything is read (false when refused, its 429 answer already
 * sent); `key` only once the key is verified, so nobody who merely knows a key's public lookup
 * can spend its budget (a refusal is returned for the caller to answer with).
 */
export interface RateLimiter {
  address(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  key(keyId: number, res: ServerResponse): Promise<RateLimitRefusal | null>;
  /** The client address the address counter counts against (behind trusted proxies, the one they name). */
  client(req: IncomingMessage): string;
}

/** Why a request was refused, and how many seconds until it may come again. */
export interface RateLimitRefusal {
  message: string;
  retryAfterSeconds: number;
}

/**
 * rate-limit-redis loads its Lua scripts once, at start; when Redis was away then, that failure
 * would stick for good. This store loads them again after a failure, so counting resumes as
 * soon as Redis is back.
 */
class RecoveringRedisStore extends RedisStore {
  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (error) {
      this.incrementScriptSha = this.loadIncrementScript(key);
      this.getScriptSha = this.loadGetScript(key);
      // Nobody awaits these until the next request; keep a failed reload from going unhandled.
      this.incrementScriptSha.catch(() => {});
      this.getScriptSha.catch(() => {});
      throw error;
    }
  }
}

function store(options: RateLimitOptions, prefix: string): Store {
  const redis = options.redis;
  const counters: Store = redis
    ? new RecoveringRedisStore({
        prefix: `eventgraph:rl:${prefix}:`,
        sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as never,
      })
    : new MemoryStore();
  void counters.init?.({ windowMs: options.windowMs } as Options);
  return counters;
}

/** The IETF draft's partition key: who the counter belongs to, without saying who. */
const partitionKeys = new Map<string, string>();
function partitionKey(key: string): string {
  let pk = partitionKeys.get(key);
  if (pk === undefined) {
    pk = Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64');
    if (partitionKeys.size >= 10_000) partitionKeys.clear();
    partitionKeys.set(key, pk);
  }
  return pk;
}

/**
 * Rate limits with the IETF `RateLimit` and `RateLimit-Policy` headers (draft 8) and 429
 * answers: every request counts against its address; a request with a verified API key also
 * counts against the key, whose budget is larger, so editors behind one proxy do not starve each
 * other. Counters are fixed windows kept by express-rate-limit's stores: in memory, or in Redis
 * shared by every instance. When Redis fails, requests pass rather than fail.
 */
export function rateLimiter(options: RateLimitOptions): RateLimiter {
  const trust = (_address: string, hop: number) => hop < options.trustProxyHops;
  const windowSeconds = Math.ceil(options.windowMs / 1000);
  const address = { name: 'address', what: 'address', limit: options.perAddress, store: store(options, 'ip') };
  const apiKey = { name: 'key', what: 'API key', limit: options.perKey, store: store(options, 'key') };
  /** Counts one request against `key` of `counter`, with its headers; the refusal past the limit. */
  const count = async (
    { name, what, limit, store: counters }: typeof address,
    key: string,
    res: ServerResponse,
  ): Promise<RateLimitRefusal | null> => {
    let hits: number;
    let resetTime: Date | undefined;
    try {
      ({ totalHits: hits, resetTime } = await counters.increment(key));
    } catch (error) {
      options.log(`Rate limit counter unavailable (${name}); the request passes uncounted`, error);
      return null;
    }
    const reset = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : windowSeconds;
    res.appendHeader('RateLimit', `"${name}"; r=${Math.max(0, limit - hits)}; t=${reset}`);
    res.appendHeader('RateLimit-Policy', `"${name}"; q=${limit}; w=${windowSeconds}; pk=:${partitionKey(key)}:`);
    if (hits <= limit) return null;
    return { message: `Too many requests from this ${what}; wait for the time in the Retry-After header.`, retryAfterSeconds: reset };
  };
  const client = (req: IncomingMessage) => ipKeyGenerator(proxyAddr(req, trust));
  return {
    async address(req, res) {
      const refusal = await count(address, client(req), res);
      if (!refusal) return true;
      res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
      sendJson(res, 429, { errors: [{ message: refusal.message, extensions: { code: 'RATE_LIMITED' } }] });
      return false;
    },
    key: (keyId, res) => count(apiKey, String(keyId), res),
    client,
  };
}
