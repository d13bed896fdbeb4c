// The coordinator's live view: a tally snapshot, then every new fact as Server-Sent Events,
// resumable from Last-Event-ID (the fact's seq) after a dropped connection.
import type { Context, Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { ServerFact } from '../../shared/sync.ts';
import { eventOfMember } from './event-access.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import type { Store } from '../store/store.ts';
import { tallySnapshot, type TallySnapshot } from '../live/tally-snapshot.ts';

/** A comment line this often keeps proxies and phones from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** Facts read from the store per round while catching a stream up. */
const PAGE = 500;

/** Everything the live routes need from outside. */
export interface LiveRouteOptions {
  store: Store;
  feed: FactFeed;
  heartbeatMs?: number;
}

async function snapshotOf(store: Store, eventId: number): Promise<TallySnapshot> {
  const event = await store.getEvent(eventId);
  if (!event) throw new Error(`event ${eventId} vanished`);
  const { facts, cursor } = await store.factsOf(eventId);
  return tallySnapshot({ eventId, cursor, facts, units: await store.unitsOf(eventId), checkpoints: event.checkpoints });
}

const seqOf = (value: string | undefined): number | undefined =>
  (value !== undefined && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined);

/**
 * Where a stream starts: a reconnecting EventSource's Last-Event-ID wins; else `?after=<seq>`
 * from a screen that already pulled the log up to there; else from a snapshot.
 */
const resumePoint = (c: Context): number | undefined => seqOf(c.req.header('Last-Event-ID')) ?? seqOf(c.req.query('after'));

/** Which facts a stream carries: all of the event's, or one unit's for a share link. */
type FactFilter = (fact: ServerFact) => boolean;

/** How a share link's stream shows seqs: opaque cursors (share-cursor.ts), never the log's own count. */
export interface CursorCodec { encode(seq: number): number; decode(cursor: number): number | undefined }

/** Sends every kept fact after `sent` as a `fact` event; returns the new high-water mark. */
async function sendFactsAfter(stream: SSEStreamingApi, opts: { store: Store; eventId: number; keep?: FactFilter; cursor?: CursorCodec }, sent: number): Promise<number> {
  for (;;) {
    const facts = await opts.store.factsAfter(opts.eventId, sent, PAGE);
    for (const fact of facts) {
      if (opts.keep && !opts.keep(fact)) { sent = fact.seq; continue; }
      const shown = opts.cursor ? { ...fact, seq: opts.cursor.encode(fact.seq) } : fact;
      await stream.writeSSE({ event: 'fact', id: String(shown.seq), data: JSON.stringify(shown) });
      sent = fact.seq;
    }
    if (facts.length < PAGE || stream.aborted) return sent;
  }
}

/**
 * Subscribes before reading anything, so no fact can fall between the snapshot and the live
 * part; each wake-up reads from the store after the last seq sent, so nothing is sent twice.
 */
async function pump(stream: SSEStreamingApi, opts: LiveRouteOptions & { eventId: number; resumeFrom?: number; keep?: FactFilter; cursor?: CursorCodec }): Promise<void> {
  const { store, feed, eventId } = opts;
  let notified = true;
  let wake: (() => void) | undefined;
  const unsubscribe = feed.subscribe(eventId, () => { notified = true; wake?.(); });
  stream.onAbort(() => wake?.());
  const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
  try {
    let sent = opts.resumeFrom;
    if (sent === undefined) {
      const snapshot = await snapshotOf(store, eventId);
      await stream.writeSSE({ event: 'snapshot', id: String(snapshot.cursor), retry: 2000, data: JSON.stringify(snapshot) });
      sent = snapshot.cursor;
    }
    while (!stream.aborted) {
      if (notified) {
        notified = false;
        sent = await sendFactsAfter(stream, opts, sent);
        continue;
      }
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
    }
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
  }
}

/**
 * Answers with the event's facts as SSE. With `keep` (a share link) it never sends a
 * snapshot — that would name every unit — so the caller must give a resume point.
 */
export function streamFacts(c: Context, options: LiveRouteOptions & { eventId: number; keep?: FactFilter; cursor?: CursorCodec }): Response {
  const asked = resumePoint(c);
  const resumeFrom = (asked !== undefined && options.cursor ? options.cursor.decode(asked) : asked) ?? (options.keep ? 0 : undefined);
  c.header('X-Accel-Buffering', 'no'); // nginx would otherwise hold events back
  return streamSSE(c, (stream) => pump(stream, { ...options, resumeFrom }), async (error) => {
    console.error(`stream of event ${options.eventId} failed:`, error);
  });
}

/** Mounts GET /api/events/:id/stream (SSE) and GET /api/events/:id/tally (the snapshot alone). */
export function mountLiveRoutes(app: Hono, options: LiveRouteOptions): void {
  app.get('/api/events/:id/stream', async (c) => {
    const event = await eventOfMember(c, options.store);
    if (!event.ok) return event.response;
    return streamFacts(c, { ...options, eventId: event.value });
  });

  app.get('/api/events/:id/tally', async (c) => {
    const event = await eventOfMember(c, options.store);
    if (!event.ok) return event.response;
    return c.json(await snapshotOf(options.store, event.value));
  });
}
