// Codes one person at a time: re-issue a lost code, print one badge, or get the QR as a PNG
// (to send by Zalo). Coordinator only: each carries a valid signed code.
import type { Context, Hono } from 'hono';
import QRCode from 'qrcode';
import { parseId, sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import { renderBadgeSheet } from '../pages/badge-sheet.ts';
import { masksFor } from '../codes/masks.ts';
import { qrOptionsWithMask } from '../codes/qr-options.ts';
import { findEventId, type Found } from './request-input.ts';
import type { CodeSigner } from '../codes/signing.ts';
import type { CodeStore, EventStore, RosterStore } from '../store/store.ts';
import type { Participant } from '../../shared/schemas.ts';
import { Reissued } from '../../shared/coordinator.ts';

interface Person { eventId: number; person: Participant; code: string; mask: Parameters<typeof qrOptionsWithMask>[0] }

async function findPerson(c: Context, store: EventStore & RosterStore & CodeStore, signer: CodeSigner): Promise<Found<Person>> {
  const denied = denyUnlessCoordinator(c);
  if (denied) return { ok: false, response: denied };
  const found = await findEventId(c, store);
  if (!found.ok) return found;
  const no = parseId(c.req.param('no'), { allowZero: true });
  if (no === undefined) return { ok: false, response: sendError(c, 'badCodeNo') };
  const person = await store.getParticipant(found.value, no);
  if (!person) return { ok: false, response: sendError(c, 'participantNotFound') };
  const code = (await signer.codeFor(found.value, no))!;
  const [mask] = await masksFor(store, found.value, [{ no, code }]);
  return { ok: true, value: { eventId: found.value, person, code, mask: mask! } };
}

/** Mounts re-issue, one-badge and QR-image routes. */
export function mountCodeRoutes(app: Hono, { store, signer }: { store: EventStore & RosterStore & CodeStore; signer: CodeSigner }): void {
  app.post('/api/events/:id/participants/:no/reissue', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const no = parseId(c.req.param('no'), { allowZero: true });
    if (no === undefined) return sendError(c, 'badCodeNo');
    const outcome = await store.reissueCode(found.value, no);
    switch (outcome.kind) {
      case 'not-found': return sendError(c, 'participantNotFound');
      case 'already-reissued': return sendError(c, 'alreadyReissued');
      case 'reissued': return c.json(Reissued.parse({ oldNo: outcome.oldNo, no: outcome.no, version: outcome.version }));
    }
  });

  app.get('/api/events/:id/participants/:no/badge', async (c) => {
    const found = await findPerson(c, store, signer);
    if (!found.ok) return found.response;
    const { eventId, person, code, mask } = found.value;
    const event = (await store.getEvent(eventId))!;
    const unit = (await store.getUnit(eventId, person.unitId))!;
    return c.html(await renderBadgeSheet(event, unit, [{ person, code, mask }]));
  });

  app.get('/api/events/:id/participants/:no/qr.png', async (c) => {
    const found = await findPerson(c, store, signer);
    if (!found.ok) return found.response;
    const { person, code, mask } = found.value;
    const png = await QRCode.toBuffer(code, { type: 'png', margin: 4, width: 480, ...qrOptionsWithMask(mask) });
    c.header('Content-Type', 'image/png');
    c.header('Content-Disposition', `inline; filename="ma-${person.no}.png"`);
    return c.body(new Uint8Array(png));
  });
}
