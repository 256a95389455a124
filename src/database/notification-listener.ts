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

/**
 * LISTEN on a dedicated PostgreSQL connection outside the pool (a pooled connection is handed to
 * other work and LISTEN belongs to its session). A lost connection is reported and reconnected with
 * backoff, from 0.1 s doubling to 5 s.
 */
export class PostgresListener implements Listener {
  private client: Client | null = null;
  private attempt: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private delay = FIRST_RETRY_MS;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: NotificationHandlers,
  ) {}

  /** Connects and listens; resolves after the first attempt, whether or not it succeeded (failures are retried). */
  start(): Promise<void> {
    return (this.attempt = this.connect());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.attempt;
    await this.client?.end().catch(() => {});
    this.client = null;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'eventgraph-changes', keepAlive: true, connectionTimeoutMillis: 5000 });
    this.client = client;
    let lost = false;
    const lose = (error: unknown) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
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
      await client.query(`LISTEN ${this.channel}`);
      if (lost || this.stopped) return;
      this.delay = FIRST_RETRY_MS;
      this.handlers.listening(true);
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
