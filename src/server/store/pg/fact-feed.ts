// The fact feed across server processes: PostgreSQL LISTEN/NOTIFY. A notification carries only
// "<event id>:<cursor>" (NOTIFY payloads are small); each stream then reads the facts after its
// own cursor from the store, so it sends every fact once and in seq order, whoever stored it.
import pg from 'pg';
import { InProcessFactFeed, type FactFeed, type FeedListener } from '../../live/fact-feed.ts';

/** The one channel all server processes of a database share. */
export const FACT_CHANNEL = 'diemdanh_facts';
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;

/** Parses a "<event id>:<cursor>" payload; undefined for anything else on the channel. */
export function parseFactNotice(payload: string | undefined): { eventId: number; cursor: number } | undefined {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(payload ?? '');
  return match ? { eventId: Number(match[1]), cursor: Number(match[2]) } : undefined;
}

/** Publish/subscribe per event through PostgreSQL; open it with `PgFactFeed.start(url)`. */
export class PgFactFeed implements FactFeed {
  readonly #url: string;
  /** This process's streams: NOTIFY from any process is delivered through it. */
  readonly #local = new InProcessFactFeed();
  readonly #notifier: pg.Pool;
  #client: pg.Client | undefined;
  #closed = false;
  #retryMs = RECONNECT_MIN_MS;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  private constructor(url: string) {
    this.#url = url;
    this.#notifier = new pg.Pool({ connectionString: url, max: 2 });
    this.#notifier.on('error', (error) => console.error('fact feed: notify connection failed:', error.message));
  }

  /** Connects the listening connection; resolves once LISTEN is in place. */
  static async start(url: string): Promise<PgFactFeed> {
    const feed = new PgFactFeed(url);
    await feed.#listen();
    return feed;
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (message) => {
      const notice = message.channel === FACT_CHANNEL ? parseFactNotice(message.payload) : undefined;
      if (notice) this.#local.publish(notice.eventId, notice.cursor);
    });
    client.on('error', (error) => {
      console.error('fact feed: listening connection failed:', error.message);
      this.#reconnectLater(client);
    });
    client.on('end', () => this.#reconnectLater(client));
    await client.connect();
    await client.query(`LISTEN ${FACT_CHANNEL}`);
    this.#client = client;
    this.#retryMs = RECONNECT_MIN_MS;
  }

  /**
   * Notifications sent while the connection was down are lost, so after reconnecting every
   * stream is woken once: it reads from the store after its cursor and misses nothing.
   */
  #reconnectLater(failed: pg.Client): void {
    if (this.#closed || this.#client !== failed) return;
    this.#client = undefined;
    failed.end().catch(() => undefined);
    const attempt = (): void => {
      this.#retryTimer = undefined;
      if (this.#closed) return;
      this.#listen().then(() => {
        for (const eventId of this.#local.listenedEvents()) this.#local.publish(eventId, 0);
      }, (error: unknown) => {
        console.error('fact feed: reconnect failed:', error instanceof Error ? error.message : error);
        this.#retryMs = Math.min(RECONNECT_MAX_MS, this.#retryMs * 2);
        this.#retryTimer = setTimeout(attempt, this.#retryMs);
      });
    };
    this.#retryTimer = setTimeout(attempt, this.#retryMs);
  }

  /** Wakes this process's streams at once, and every other process's through NOTIFY. */
  publish(eventId: number, cursor: number): void {
    this.#local.publish(eventId, cursor);
    this.#notifier.query('SELECT pg_notify($1, $2)', [FACT_CHANNEL, `${eventId}:${cursor}`])
      .catch((error: unknown) => console.error('fact feed: NOTIFY failed:', error instanceof Error ? error.message : error));
  }

  subscribe(eventId: number, listener: FeedListener): () => void {
    return this.#local.subscribe(eventId, listener);
  }

  /** How many streams of this process listen to an event (tests check that closed streams unsubscribe). */
  listenerCount(eventId: number): number {
    return this.#local.listenerCount(eventId);
  }

  /** Stops listening and closes both connections. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = undefined;
    await Promise.all([client?.end().catch(() => undefined), this.#notifier.end().catch(() => undefined)]);
  }
}
