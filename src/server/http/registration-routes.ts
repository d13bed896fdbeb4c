// Self-registration: a public page per event (/r/:id and its poster) where a person picks unit
// and category, gives name and phone, and gets a signed code on screen. It counts as
// `registered` on the tally through a server-made fact, so desks and screens see it like any other.
import type { Context, Hono } from 'hono';
import QRCode from 'qrcode';
import { v7 as uuidv7 } from 'uuid';
import { foldVietnamese } from '../../domain/fold.ts';
import { RegistrationRequest, type RegistrationResponse } from '../../shared/event-setup.ts';
import type { Fact } from '../../shared/schemas.ts';
import { parseId, sendError } from './errors.ts';
import { masksFor } from '../codes/masks.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { qrOptionsWithMask } from '../codes/qr-options.ts';
import { TokenBuckets, type RateLimit } from './rate-limit.ts';
import { renderPoster, renderRegistrationPage } from '../pages/registration-page.ts';
import { findEventId, readBody } from './request-input.ts';
import { normalizePhone, PHONE } from '../roster/validate.ts';
import type { CodeSigner } from '../codes/signing.ts';
import { publicOrigin } from './public-origin.ts';
import type { CodeStore, EventEditStore, EventStore, RegistrationStore } from '../store/store.ts';

/** Registrations per address: a family or an office behind one address fits; a script does not. */
export const REGISTRATION_LIMIT: RateLimit = { perSecond: 10 / 600, burst: 10 };

/** Who writes the `registered` facts of self-registrations. */
export const SELF_REGISTRATION_DEVICE = 'self-registration';

export interface RegistrationDeps {
  store: EventStore & EventEditStore & RegistrationStore & CodeStore;
  signer: CodeSigner;
  feed: FactFeed;
  now: () => number;
  publicUrl?: string;
  limit?: RateLimit;
}

async function pageEvent(c: Context, store: EventStore) {
  const eventId = parseId(c.req.param('id'));
  const event = eventId === undefined ? undefined : await store.getEvent(eventId);
  return event;
}

function registeredFact(eventId: number, no: number, unitId: number, category: string, now: number): Fact {
  return {
    id: uuidv7(), eventId, kind: 'admit', personKey: String(no), unitId, category, checkpoint: 'registered',
    method: 'lookup', deviceId: SELF_REGISTRATION_DEVICE, deskId: 'online', deviceTime: now, clockOffsetMs: 0,
  };
}

/** Mounts the public page, the poster and POST /api/events/:id/registrations. */
export function mountRegistrationRoutes(app: Hono, deps: RegistrationDeps): void {
  const { store, signer, feed, now } = deps;
  const buckets = new TokenBuckets(deps.limit ?? REGISTRATION_LIMIT);

  app.get('/r/:id', async (c) => {
    const event = await pageEvent(c, store);
    if (!event) return c.text('Không tìm thấy sự kiện. Event not found.', 404);
    c.header('Cache-Control', 'no-store');
    return c.html(renderRegistrationPage(event, await store.unitsOf(event.id), (await store.registrationOf(event.id))!, now()));
  });

  app.get('/r/:id/poster', async (c) => {
    const event = await pageEvent(c, store);
    if (!event) return c.text('Không tìm thấy sự kiện. Event not found.', 404);
    const origin = publicOrigin(c, deps.publicUrl);
    return c.html(await renderPoster(event, `${origin}/r/${event.id}`));
  });

  app.post('/api/events/:id/registrations', async (c) => {
    if (buckets.take(c.get('credential'), now()) > 0) return sendError(c, 'tooManyRegistrations');
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const eventId = found.value;
    const settings = (await store.registrationOf(eventId))!;
    if (!settings.open) return sendError(c, 'registrationNotOpen');
    if (settings.closesAt !== undefined && now() >= settings.closesAt) return sendError(c, 'registrationClosed');
    const body = await readBody(c, RegistrationRequest);
    if (!body.ok) return body.response;
    const { unitId, name, phone: rawPhone } = body.value;
    const unit = await store.getUnit(eventId, unitId);
    if (!unit) return sendError(c, 'unitNotFound');
    const category = unit.quotas.find((q) => foldVietnamese(q.category) === foldVietnamese(body.value.category))?.category;
    const phone = normalizePhone(rawPhone);
    if (!category || !PHONE.test(phone)) return sendError(c, 'badRequest', !category ? 'Unknown category.' : 'Invalid phone.');
    const at = now();
    const outcome = await store.selfRegister(eventId, { name: name.replace(/\s+/g, ' '), phone, unitId, category }, {
      cap: settings.caps[String(unitId)], now: at, makeFact: (no) => registeredFact(eventId, no, unitId, category, at),
    });
    switch (outcome.kind) {
      case 'event-not-found': return sendError(c, 'eventNotFound');
      case 'phone-taken': return sendError(c, 'phoneRegistered');
      case 'unit-full': return sendError(c, 'unitFull');
      case 'registered': break;
    }
    feed.publish(eventId, outcome.cursor);
    const code = (await signer.codeFor(eventId, outcome.no))!;
    const [mask] = await masksFor(store, eventId, [{ no: outcome.no, code }]);
    const qrPng = await QRCode.toDataURL(code, { margin: 4, width: 480, ...qrOptionsWithMask(mask!) });
    const answer: RegistrationResponse = { no: outcome.no, name: name.replace(/\s+/g, ' '), unitName: unit.name, category, code, qrPng };
    return c.json(answer, 201);
  });
}
