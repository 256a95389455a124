/** A statement of a request that was not sent: its request was answered already, the queue was full, or the server stops. */
export class StatementRefused extends Error {
  constructor(
    /** The GraphQL error code the request's client gets. */
    readonly code: 'DATABASE_BUSY' | 'TIMEOUT' | 'SERVICE_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'StatementRefused';
  }

  /** The request was answered with a timeout (503) before the statement could start. */
  static abandoned(): StatementRefused {
    return new StatementRefused('TIMEOUT', 'The request was answered with a timeout before this statement could start; it was not run.');
  }

  /** The server is stopping and runs no more waiting statements. */
  static stopping(): StatementRefused {
    return new StatementRefused('SERVICE_UNAVAILABLE', 'The server is shutting down; retry on another instance.');
  }
}
