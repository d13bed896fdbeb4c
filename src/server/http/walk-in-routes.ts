// The coordinator's review of walk-ins: list them (flagged, per unit), add one to the roster
// under a new code number, or merge one with the roster entry they turned out to be.
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { WalkInRow } from '../../shared/coordinator.ts';
import { sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { findEventId, readBody } from './request-input.ts';
import { normalizePhone } from '../roster/validate.ts';
import type { EventStore, FactStore, RegistrationStore } from '../store/store.ts';
import { rekeyFacts, walkInsOf } from '../roster/walk-ins.ts';

const ResolveRequest = z.object({
  personKey: z.string().check(z.regex(/^w:/), z.maxLength(80)),
  /** Merge with this roster number; absent: add the walk-in to the roster. */
  no: z.optional(z.int().check(z.nonnegative())),
});

/** Mounts GET /api/events/:id/walk-ins and POST /api/events/:id/walk-ins/resolve. */
export function mountWalkInRoutes(app: Hono, { store, feed, now }: { store: EventStore & FactStore & RegistrationStore; feed: FactFeed; now: () => number }): void {
  app.get('/api/events/:id/walk-ins', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    return c.json(z.array(WalkInRow).parse(walkInsOf((await store.factsOf(found.value)).facts)));
  });

  app.post('/api/events/:id/walk-ins/resolve', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const body = await readBody(c, ResolveRequest);
    if (!body.ok) return body.response;
    const eventId = found.value;
    const { facts } = await store.factsOf(eventId);
    const walkIn = walkInsOf(facts).find((w) => w.personKey === body.value.personKey);
    if (!walkIn) return sendError(c, 'walkInNotFound');
    const at = now();
    const target = body.value.no !== undefined ? { no: body.value.no }
      : { adopt: {
        name: walkIn.name, phone: walkIn.phone ? normalizePhone(walkIn.phone) : '', unitId: walkIn.unitId, category: walkIn.category,
        ...(walkIn.birthYear !== undefined ? { birthYear: walkIn.birthYear } : {}),
      } };
    const result = await store.resolveWalkIn(eventId, target, {
      now: at, makeFacts: (person) => rekeyFacts(facts, walkIn.personKey, { no: person.no, unitId: person.unitId, category: person.category }, at),
    });
    if (!result) return sendError(c, 'participantNotFound');
    feed.publish(eventId, result.cursor);
    return c.json({ no: result.no });
  });
}
