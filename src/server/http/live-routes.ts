// The coordinator's live view: a tally snapshot, then every new fact as Server-Sent Events,
// resumable from Last-Event-ID (the fact's seq) after a dropped connection.
import type { Context, Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { ServerFact } from '../../shared/sync.ts';
import { eventOfMember } from './event-access.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import type { EventStore, FactStore } from '../store/store.ts';
import type { EventTallies } from '../live/event-tallies.ts';
import { tallySnapshotJson } from '../live/tally-snapshot.ts';

/** A comment line this often keeps proxies and phones from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** Facts read from the store per round while catching a stream up. */
const PAGE = 500;

/** Everything the live routes need from outside. */
export interface LiveRouteOptions {
  store: EventStore & FactStore;
  feed: FactFeed;
  /** The server's held tallies; a snapshot is read off them, never recounted from the log. */
  tallies: EventTallies;
  heartbeatMs?: number;
}

/** What a stream needs; a stream that never sends a snapshot (a share link's) needs no tallies. */
type StreamOptions = Omit<LiveRouteOptions, 'tallies'> & { tallies?: EventTallies };

/** The snapshot as JSON and the cursor it counts to, read off the held tally in one moment. */
async function snapshotOf(tallies: EventTallies | undefined, eventId: number): Promise<{ json: string; cursor: number }> {
  if (!tallies) throw new Error('a snapshot needs the server\'s tallies');
  const snapshot = await tallies.read(eventId, (held) => ({ json: tallySnapshotJson(eventId, held), cursor: held.cursor }));
  if (!snapshot) throw new Error(`event ${eventId} vanished`);
  return snapshot;
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
async function sendFactsAfter(stream: SSEStreamingApi, opts: { store: FactStore; eventId: number; keep?: FactFilter; cursor?: CursorCodec }, sent: number): Promise<number> {
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
async function pump(stream: SSEStreamingApi, opts: StreamOptions & { eventId: number; resumeFrom?: number; keep?: FactFilter; cursor?: CursorCodec }): Promise<void> {
  const { store, feed, eventId } = opts;
  let notified = true;
  let wake: (() => void) | undefined;
  const unsubscribe = feed.subscribe(eventId, () => { notified = true; wake?.(); });
  stream.onAbort(() => wake?.());
  const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
  try {
    let sent = opts.resumeFrom;
    if (sent === undefined) {
      const snapshot = await snapshotOf(opts.tallies, eventId);
      await stream.writeSSE({ event: 'snapshot', id: String(snapshot.cursor), retry: 2000, data: snapshot.json });
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
export function streamFacts(c: Context, options: StreamOptions & { eventId: number; keep?: FactFilter; cursor?: CursorCodec }): Response {
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
    const { json } = await snapshotOf(options.tallies, event.value);
    return c.body(json, 200, { 'Content-Type': 'application/json' });
  });
}
