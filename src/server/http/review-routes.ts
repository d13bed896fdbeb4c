// What a coordinator does about desks' claims: read the facts flagged for review, and undo any
// admission. A desk may undo only its own (claims.ts); the coordinator's undo is written by the
// server under `coordinator:<username>`, so the log itself says who did it.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { Fact } from '../../shared/schemas.ts';
import { CoordinatorVoid, ReviewList } from '../../shared/fact-review.ts';
import { denyUnlessCoordinator } from './auth.ts';
import { sendError } from './errors.ts';
import { findEventId } from './request-input.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import type { Store } from '../store/store.ts';

/** Everything the review routes need from outside. */
export interface ReviewRouteOptions {
  store: Store;
  feed: FactFeed;
  now: () => number;
}

/**
 * The coordinator's undo of one admission has one id whatever the number of clicks: a UUIDv8
 * from the admission's id, so undoing twice stores one void.
 */
export function coordinatorVoidId(eventId: number, admissionId: string): string {
  const hex = createHash('sha256').update(`coordinator-void:${eventId}:${admissionId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Mounts GET /api/events/:id/reviews and POST /api/events/:id/facts/:factId/void. */
export function mountReviewRoutes(app: Hono, { store, feed, now }: ReviewRouteOptions): void {
  app.get('/api/events/:id/reviews', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    const reviews = await store.factReviews(event.value);
    const facts = new Map((await store.factsByIds(event.value, [...new Set(reviews.map((r) => r.factId))])).map((f) => [f.id, f]));
    // A flag whose fact never got stored (a crash between the two writes) is not listed.
    const listed = reviews.flatMap((r) => { const fact = facts.get(r.factId); return fact ? [{ ...r, fact }] : []; });
    return c.json(ReviewList.parse({ reviews: listed }));
  });

  app.post('/api/events/:id/facts/:factId/void', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    const principal = c.get('principal');
    if (principal.kind !== 'coordinator') return sendError(c, 'coordinatorOnly');
    const factId = c.req.param('factId').slice(0, 100);
    const [target] = await store.factsByIds(event.value, [factId]);
    if (!target || target.kind !== 'admit') return sendError(c, 'factNotFound');
    const at = now();
    const voidFact: Fact = {
      id: coordinatorVoidId(event.value, target.id), eventId: event.value, kind: 'void', personKey: target.personKey,
      unitId: target.unitId, category: target.category, checkpoint: target.checkpoint, method: 'undo',
      deviceId: `coordinator:${principal.username}`, deskId: target.deskId, deviceTime: at, clockOffsetMs: 0, voids: target.id,
    };
    const result = await store.ingestFacts(event.value, [voidFact], at);
    if (result.inserted > 0) feed.publish(event.value, result.cursor);
    return c.json(CoordinatorVoid.parse({ voidId: voidFact.id, cursor: result.cursor }));
  });
}
