import type { ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of every response. Scripts come only from this server (the
 * playground's start-up is a served file, not an inline script), so markup that slipped into a
 * page cannot run; requests go only back to this server. Inline styles stay allowed because
 * ECharts and GraphiQL position their tooltips and editors with style attributes, and a style
 * cannot run code or send data under `img-src`, `font-src` and `connect-src` limited to 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every response carries, whichever route answers it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // For browsers older than CSP's frame-ancestors: no page of this server may be framed.
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Sets the security headers on a response before any route writes it. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const name in SECURITY_HEADERS) res.setHeader(name, SECURITY_HEADERS[name]);
}
