// A walk-in's roster entry found by the ID number on their chip card (CCCD). The server holds ID
// numbers and desks never do, so a paired desk asks here and gets the matching code number only,
// never a name or a phone; per-credential limits stop a desk from probing the roster by guessing.
import type { Hono } from 'hono';
import { CccdLookupAnswer, CccdLookupRequest } from '../../shared/sync.ts';
import { eventOfMember } from './event-access.ts';
import { sendError } from './errors.ts';
import { TokenBuckets, type RateLimit } from './rate-limit.ts';
import { readBody } from './request-input.ts';
import type { EventStore, RosterStore } from '../store/store.ts';

/** Ten cards at once, then one every six seconds: a queue of walk-ins, not a scan of the roster. */
export const CCCD_LOOKUP_LIMIT: RateLimit = { perSecond: 1 / 6, burst: 10 };

/** Mounts POST /api/events/:id/cccd-lookup for the event's desks and coordinators. */
export function mountCccdRoutes(app: Hono, { store, now, limit = CCCD_LOOKUP_LIMIT }: {
  store: EventStore & RosterStore; now: () => number; limit?: RateLimit;
}): void {
  const buckets = new TokenBuckets(limit);
  app.post('/api/events/:id/cccd-lookup', async (c) => {
    const event = await eventOfMember(c, store);
    if (!event.ok) return event.response;
    const principal = c.get('principal');
    const key = principal.kind === 'desk' ? `desk:${principal.deviceId}` : `other:${c.get('credential')}`;
    if (buckets.take(key, now()) > 0) return sendError(c, 'rateLimited');
    const body = await readBody(c, CccdLookupRequest);
    if (!body.ok) return body.response;
    const found = (await store.rosterIdentities(event.value)).find((p) => p.idNumber === body.value.idNumber);
    if (!found) return sendError(c, 'participantNotFound');
    return c.json(CccdLookupAnswer.parse({ no: found.no }));
  });
}
