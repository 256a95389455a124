import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import type Redis from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import { parseToken } from '../auth/api-key-token';

/** How many requests are allowed, per what, over which window. */
export interface RateLimitOptions {
  windowMs: number;
  perAddress: number;
  perKey: number;
  /** Shared counters; in-process memory when absent. */
  redis?: Redis | null;
}

/** The key's public lookup from an `Authorization: Bearer` header, if it holds a key-shaped token. */
function keyLookup(authorization: string | undefined): string | null {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  return token ? (parseToken(token)?.lookup ?? null) : null;
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

function store(options: RateLimitOptions, prefix: string): Store | undefined {
  const redis = options.redis;
  if (!redis) return undefined;
  return new RecoveringRedisStore({ prefix: `eventgraph:rl:${prefix}:`, sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as never });
}

/**
 * Rate limits with the IETF `RateLimit` and `RateLimit-Policy` headers and 429 answers: every
 * request counts against its address; a request with an API key also counts against the key,
 * whose budget is larger, so editors behind one proxy do not starve each other. With Redis the
 * counters are shared by every instance; when Redis fails, requests pass rather than fail.
 */
export function rateLimiters(options: RateLimitOptions): RequestHandler[] {
  const refuse = (what: string) => ({
    errors: [{ message: `Too many requests from this ${what}; wait for the time in the Retry-After header.`, extensions: { code: 'RATE_LIMITED' } }],
  });
  const common = { windowMs: options.windowMs, standardHeaders: 'draft-8' as const, legacyHeaders: false, passOnStoreError: true };
  return [
    rateLimit({ ...common, identifier: 'address', limit: options.perAddress, store: store(options, 'ip'), message: refuse('address') }),
    rateLimit({
      ...common,
      identifier: 'key',
      limit: options.perKey,
      store: store(options, 'key'),
      skip: (req) => keyLookup(req.headers.authorization) === null,
      keyGenerator: (req) => keyLookup(req.headers.authorization)!,
      message: refuse('API key'),
    }),
  ];
}
