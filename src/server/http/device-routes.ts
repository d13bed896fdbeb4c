// Pairing desks with an event and managing them: a coordinator shows a one-time code, the
// desk exchanges it for a revocable token bound to the event and desk.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { PairingCodeEvent, PairingCodeQuery, PairRequest, type PairResponse } from '../../shared/sync.ts';
import { DeviceListing, PairingOffer } from '../../shared/coordinator.ts';
import { sendError } from './errors.ts';
import { denyUnlessCoordinator, type Principal } from './auth.ts';
import { hashSecret, newPairingCode, newSecret, normalizePairingCode } from './auth-secrets.ts';
import { findEventId, readBody } from './request-input.ts';
import { publicOrigin } from './public-origin.ts';
import type { DeviceRecord, DeviceStore, EventStore } from '../store/store.ts';

/** A pairing code lives ten minutes: long enough to walk a tablet to the screen, short enough not to leak. */
export const PAIRING_TTL_MS = 10 * 60 * 1000;

const listing = (d: DeviceRecord): DeviceListing => ({
  id: d.id, name: d.name, deskId: d.deskId, lastSeen: d.lastSeen ?? null,
  appVersion: d.appVersion ?? null, pending: d.pending, revoked: d.revokedAt !== undefined,
  ...(d.readiness ? { readiness: d.readiness } : {}),
});

/** Options for the device routes; `publicUrl` is the address tablets can reach (the request's origin otherwise). */
export interface DeviceRouteOptions {
  store: EventStore & DeviceStore;
  now: () => number;
  publicUrl?: string;
}

/**
 * The id a pairing device gets: its own (its unsent facts carry it) when no event knows that id
 * yet, or when it presents a token of that id (revoked ones too); a fresh one otherwise, so
 * naming another desk's id never takes over its row.
 */
async function deviceIdFor(principal: Principal, requested: string | undefined, store: DeviceStore): Promise<string> {
  if (requested === undefined) return randomUUID();
  const proven = (principal.kind === 'desk' || principal.kind === 'revoked') && principal.deviceId === requested;
  return proven || !(await store.deviceIdTaken(requested)) ? requested : randomUUID();
}

/** Mounts pairing, pair, the device list and revoke. */
export function mountDeviceRoutes(app: Hono, { store, now, publicUrl }: DeviceRouteOptions): void {
  app.post('/api/events/:id/pairings', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    const code = newPairingCode();
    const expiresAt = now() + PAIRING_TTL_MS;
    await store.addPairingCode(event.value, hashSecret(code), expiresAt);
    const origin = publicOrigin(c, publicUrl);
    return c.json(PairingOffer.parse({ code, expiresAt, pairUrl: `${origin}/#pair=${code}` }), 201);
  });

  // Which event a pairing code is for, so the pairing link fills it in and asks only for the desk.
  // The code rides in the body (never a path a proxy logs) and is not spent; guesses count against
  // the caller's address like any unauthenticated request.
  app.post('/api/pair/event', async (c) => {
    const body = await readBody(c, PairingCodeQuery);
    if (!body.ok) return body.response;
    const eventId = await store.pairingCodeEvent(hashSecret(normalizePairingCode(body.value.code)), now());
    if (eventId === undefined) return sendError(c, 'badPairingCode');
    return c.json(PairingCodeEvent.parse({ eventId }));
  });

  app.post('/api/pair', async (c) => {
    const body = await readBody(c, PairRequest);
    if (!body.ok) return body.response;
    const { code, deviceName, deskId, appVersion } = body.value;
    const deviceId = await deviceIdFor(c.get('principal'), body.value.deviceId, store);
    const token = newSecret();
    const result = await store.redeemPairingCode(hashSecret(normalizePairingCode(code)), {
      id: deviceId, deskId, name: deviceName, tokenHash: hashSecret(token), appVersion,
    }, now());
    switch (result.kind) {
      case 'invalid-code': return sendError(c, 'badPairingCode');
      case 'unknown-desk': return sendError(c, 'unknownDesk');
      case 'paired': return c.json({ token, deviceId, eventId: result.eventId, deskId } satisfies PairResponse);
    }
  });

  app.get('/api/events/:id/devices', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    return c.json(z.array(DeviceListing).parse((await store.listDevices(event.value)).map(listing)));
  });

  // Scoped to the event: an id named in one event never reaches a device of another.
  app.post('/api/events/:id/devices/:deviceId/revoke', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    const deviceId = c.req.param('deviceId');
    if (!(await store.revokeDevice(event.value, deviceId, now()))) return sendError(c, 'deviceNotFound');
    return c.json({ id: deviceId, revoked: true });
  });
}
