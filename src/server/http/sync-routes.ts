// Push and pull of the check-in log. A push is stored whole or not at all, idempotent on
// fact ids; the answer names exactly the ids held, which is all a desk may mark as sent.
import type { Context, Hono } from 'hono';
import { deviceTimeFitsServerClock, PullResponse, PushRequest, PUSH_BATCH_LIMIT, type PushResponse, type ServerFact } from '../../shared/sync.ts';
import { sendError } from './errors.ts';
import { eventOfMember } from './event-access.ts';
import type { EventTallies } from '../live/event-tallies.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { readBody, type Found } from './request-input.ts';
import type { DeviceStore, EventStore, FactStore } from '../store/store.ts';

/** Most facts one pull returns; the desk asks again while `more` is true. */
export const PULL_LIMIT_MAX = 2000;
/** A page when the desk names no limit: about 400 KB of JSON. */
export const PULL_LIMIT_DEFAULT = 1000;

/** Everything the sync routes need from outside. */
export interface SyncRouteOptions {
  store: EventStore & FactStore & DeviceStore;
  feed: FactFeed;
  /** The server's held tallies: a pull's duplicate flags are read off them, never stored. */
  tallies: EventTallies;
  now: () => number;
}

/** Checks a push before anything is stored: size first (a clear message), then schema, then ownership and clock. */
async function readPush(c: Context, eventId: number, now: number): Promise<Found<PushRequest>> {
  const body = await readBody(c, PushRequest);
  if (!body.ok) {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const facts = (raw as { facts?: unknown } | undefined)?.facts;
    if (Array.isArray(facts) && facts.length > PUSH_BATCH_LIMIT) return { ok: false, response: sendError(c, 'batchTooLarge') };
    return body;
  }
  if (body.value.facts.some((f) => f.eventId !== eventId)) return { ok: false, response: sendError(c, 'factWrongEvent') };
  const principal = c.get('principal');
  if (principal.kind === 'desk' && body.value.facts.some((f) => f.deviceId !== principal.deviceId)) {
    return { ok: false, response: sendError(c, 'factWrongDevice') };
  }
  // A time days away from ours is a broken clock: stored, it would sit in every report forever.
  if (body.value.facts.some((f) => !deviceTimeFitsServerClock(f, now))) return { ok: false, response: sendError(c, 'factTimeOutOfRange') };
  return body;
}

/** The page with each admission's duplicate flag as the log stands now (set only when true, as before). */
async function withDuplicates(tallies: EventTallies, eventId: number, facts: ServerFact[]): Promise<ServerFact[]> {
  const flags = await tallies.duplicates(eventId, facts);
  return facts.map((fact, i) => (flags[i] ? { ...fact, duplicate: true } : fact));
}

/** A non-negative integer query parameter, `fallback` when absent, undefined when malformed. */
function queryInt(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/** Mounts POST and GET /api/events/:id/facts. */
export function mountSyncRoutes(app: Hono, { store, feed, tallies, now }: SyncRouteOptions): void {
  app.post('/api/events/:id/facts', async (c) => {
    const event = await eventOfMember(c, store);
    if (!event.ok) return event.response;
    const at = now();
    const push = await readPush(c, event.value, at);
    if (!push.ok) return push.response;
    const { facts, pending, appVersion } = push.value;
    const result = await store.ingestFacts(event.value, facts, at);
    const principal = c.get('principal');
    if (principal.kind === 'desk') await store.touchDevice(event.value, principal.deviceId, { at, pending, appVersion });
    if (result.inserted > 0) feed.publish(event.value, result.cursor);
    return c.json({ stored: result.stored, cursor: result.cursor, serverTime: now() } satisfies PushResponse);
  });

  app.get('/api/events/:id/facts', async (c) => {
    const event = await eventOfMember(c, store);
    if (!event.ok) return event.response;
    const after = queryInt(c.req.query('after'), 0);
    const asked = queryInt(c.req.query('limit'), PULL_LIMIT_DEFAULT);
    if (after === undefined || asked === undefined || asked === 0) return sendError(c, 'badQuery');
    const limit = Math.min(asked, PULL_LIMIT_MAX);
    const rows = await store.factsAfter(event.value, after, limit + 1);
    const facts = await withDuplicates(tallies, event.value, rows.slice(0, limit));
    const principal = c.get('principal');
    if (principal.kind === 'desk') await store.touchDevice(event.value, principal.deviceId, { at: now() });
    // Parsed on the way out, like the package: a desk must never receive a page it would reject.
    const page = PullResponse.parse({
      facts, cursor: facts.at(-1)?.seq ?? after, more: rows.length > limit, serverTime: now(),
    });
    return c.json(page);
  });
}
