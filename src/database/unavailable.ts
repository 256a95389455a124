/** Network errors of a socket to the database. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * Whether an error means the database cannot be reached right now (down, restarting, shutting
 * down, out of connections) rather than that the statement was wrong: such a request may be
 * retried later and the client is told so.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as any, depth = 0; e && depth < 5; e = e.driverError ?? e.cause ?? e.originalError, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    // Class 08: connection exceptions; 57P01-57P03: shutting down or starting up; 53300: too many connections.
    if (SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|Cannot use a pool after calling end/i.test(message)) return true;
  }
  return false;
}

/** Whether an error is PostgreSQL cancelling a statement that outran `statement_timeout`. */
export function isStatementTimeout(error: unknown): boolean {
  for (let e = error as any, depth = 0; e && depth < 5; e = e.driverError ?? e.cause ?? e.originalError, depth++) {
    if (e.code === '57014') return true;
  }
  return false;
}
