// Push and pull of the check-in log. A push is judged fact by fact (server/facts): the good
// facts are stored in one transaction, idempotent on fact ids, and each refused one is named with
// its reason, so one bad fact never holds back a desk's outbox. The answer names exactly the ids
// held, which is all a desk may mark as sent.
import type { Context, Hono } from 'hono';
import * as z from 'zod/mini';
import { DeskReadiness, PullResponse, PUSH_BATCH_LIMIT, type PushResponse, type ServerFact } from '../../shared/sync.ts';
import { sendError } from './errors.ts';
import { eventOfMember } from './event-access.ts';
import type { EventTallies } from '../live/event-tallies.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { readBody, type Found } from './request-input.ts';
import type { ClaimStore, CodeStore, DeviceStore, EventStore, FactStore } from '../store/store.ts';
import { createCodeChecker, type CodeChecker } from '../facts/code-check.ts';
import { judgePush } from '../facts/judge-push.ts';

/** Most facts one pull returns; the desk asks again while `more` is true. */
export const PULL_LIMIT_MAX = 2000;
/** A page when the desk names no limit: about 400 KB of JSON. */
export const PULL_LIMIT_DEFAULT = 1000;

/** Everything the sync routes need from outside. */
export interface SyncRouteOptions {
  store: EventStore & FactStore & DeviceStore & ClaimStore & CodeStore;
  feed: FactFeed;
  /** The server's held tallies: a pull's duplicate flags are read off them, never stored. */
  tallies: EventTallies;
  now: () => number;
  /** Verifies the codes scans carry; one per mount unless given (it caches keys and verified codes). */
  codes?: CodeChecker;
}

/** A push as read off the wire: the envelope is checked whole, each fact on its own (claims.ts). */
const PushEnvelope = z.object({
  facts: z.array(z.unknown()).check(z.maxLength(PUSH_BATCH_LIMIT)),
  pending: z.int().check(z.nonnegative()),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
  /** Read apart (below): a readiness report the server cannot read is dropped, never the push. */
  readiness: z.optional(z.unknown()),
});
type PushEnvelope = z.infer<typeof PushEnvelope>;

/** Checks a push's envelope: size first (a clear message), then shape; facts are judged one by one later. */
async function readPush(c: Context): Promise<Found<PushEnvelope>> {
  const body = await readBody(c, PushEnvelope);
  if (!body.ok) {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const facts = (raw as { facts?: unknown } | undefined)?.facts;
    if (Array.isArray(facts) && facts.length > PUSH_BATCH_LIMIT) return { ok: false, response: sendError(c, 'batchTooLarge') };
  }
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
export function mountSyncRoutes(app: Hono, { store, feed, tallies, now, codes = createCodeChecker(store) }: SyncRouteOptions): void {
  app.post('/api/events/:id/facts', async (c) => {
    const event = await eventOfMember(c, store);
    if (!event.ok) return event.response;
    const push = await readPush(c);
    if (!push.ok) return push.response;
    const { facts, pending, appVersion } = push.value;
    const at = now();
    const principal = c.get('principal');
    const deviceId = principal.kind === 'desk' ? principal.deviceId : undefined;
    const judged = await judgePush(store, codes, facts, { eventId: event.value, deviceId, now: at });
    const result = await store.ingestFacts(event.value, judged.accepted, at);
    const readiness = z.safeParse(DeskReadiness, push.value.readiness);
    if (principal.kind === 'desk') {
      await store.touchDevice(event.value, principal.deviceId, { at, pending, appVersion, ...(readiness.success ? { readiness: readiness.data } : {}) });
    }
    if (result.inserted > 0) feed.publish(event.value, result.cursor);
    // A fact is its event's and id's (issue 13): an id another event holds is no reason to refuse.
    const stored = new Set([...result.stored, ...judged.alreadyHeld]);
    return c.json({ stored: [...stored], refused: judged.refused, cursor: result.cursor, serverTime: now() } satisfies PushResponse);
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
