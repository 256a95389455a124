import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN = /^eg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A freshly made token, shown once, and what is stored of it. */
export interface NewToken {
  token: string;
  lookup: string;
  secretHash: Buffer;
}

/** Makes a token `eg_<lookup>_<secret>` over 32 random bytes of secret. */
export function newToken(): NewToken {
  const lookup = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `eg_${lookup}_${secret}`, lookup, secretHash: hashSecret(secret) };
}

/** Splits a token into its lookup and secret; null when it is not shaped like one. */
export function parseToken(token: string): { lookup: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { lookup: match[1], secret: match[2] } : null;
}

/** SHA-256 of a secret: enough for 256 random bits, which no dictionary can guess. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

const NOTHING = hashSecret('');

/** Whether `secret` hashes to `stored`, in time that does not depend on where they differ. */
export function secretMatches(secret: string, stored: Buffer | null): boolean {
  const given = hashSecret(secret);
  // With no stored hash, still compare, so a missing key takes as long as a wrong one.
  const equal = timingSafeEqual(given, stored && stored.length === given.length ? stored : NOTHING);
  return equal && stored !== null;
}
