import { Client } from 'pg';

/** What a listener on a notification channel reports. */
export interface NotificationHandlers {
  /** A notification arrived (after the writer's commit). */
  notified(payload: string): void;
  /** Listening began (true) or was lost (false); while lost, notifications are missed. */
  listening(on: boolean): void;
  /** Why the connection was lost or could not be made; it is retried. */
  error(error: unknown): void;
}

/** A running listener; `stop` ends it for good. */
export interface Listener {
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5000;

/** How often a listening connection must show it is alive, and how long it has to; and to connect. */
export const DEFAULT_HEARTBEAT_MS = 5000;

/**
 * LISTEN on a dedicated PostgreSQL connection outside the pool (a pooled connection is handed to
 * other work and LISTEN belongs to its session). A lost connection is reported and reconnected with
 * backoff, from 0.1 s doubling to 5 s. A connection can also die without closing (a half-open TCP
 * connection after a network partition or a frozen proxy), which TCP keepalive notices only after
 * minutes while notifications go unheard: every `heartbeatMs` the connection must answer a
 * `SELECT 1` within `heartbeatMs`, or it counts as lost.
 */
export class PostgresListener implements Listener {
  private client: Client | null = null;
  private attempt: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  private delay = FIRST_RETRY_MS;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
    private readonly heartbeatMs = DEFAULT_HEARTBEAT_MS,
  ) {}

  /** Connects and listens; resolves after the first attempt, whether or not it succeeded (failures are retried). */
  start(): Promise<void> {
    return (this.attempt = this.connect());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.attempt;
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = null;
    // A connection that no longer answers would never finish saying goodbye.
    if (client) await answersWithin(client.end(), this.heartbeatMs).catch(() => dropSocket(client));
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: 'eventgraph-changes',
      keepAlive: true,
      connectionTimeoutMillis: this.heartbeatMs,
    });
    this.client = client;
    let lost = false;
    const lose = (error: unknown) => {
      if (lost) return;
      lost = true;
      clearInterval(this.heartbeat);
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      // A half-open connection never answers the goodbye of `end`: drop the socket as well.
      dropSocket(client);
      if (this.stopped) return;
      this.handlers.listening(false);
      this.handlers.error(error);
      this.retry();
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('the listening connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notified(message.payload ?? '');
    });
    try {
      await client.connect();
      await answersWithin(client.query(`LISTEN ${this.channel}`), this.heartbeatMs);
      if (lost || this.stopped) return;
      this.delay = FIRST_RETRY_MS;
      this.handlers.listening(true);
      let beating = false;
      this.heartbeat = setInterval(() => {
        if (beating) return;
        beating = true;
        answersWithin(client.query('SELECT 1'), this.heartbeatMs).then(
          () => (beating = false),
          (error) => lose(error),
        );
      }, this.heartbeatMs);
      this.heartbeat.unref();
    } catch (error) {
      lose(error);
    }
  }

  private retry(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.attempt = this.connect();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
  }
}

/** `work`, or a rejection once `ms` have passed without its answer. */
function answersWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the listening connection did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Closes the client's socket at once, answered or not. */
function dropSocket(client: Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
