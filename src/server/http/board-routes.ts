// The tally screen's data: the board's metadata for coordinators and desks, and unit
// leaders' read-only share links, which see one unit's facts and nothing of other units.
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { BoardMeta, SHARE_TOKEN_HEADER, type BoardScope, type ShareLinkOffer, type ShareLinkRow } from '../../shared/board.ts';
import { EventPackage } from '../../shared/schemas.ts';
import { PullResponse, type ServerFact } from '../../shared/sync.ts';
import { parseId, sendError } from './errors.ts';
import { denyUnlessCoordinator } from './auth.ts';
import { hashSecret, newSecret } from './auth-secrets.ts';
import { eventOfMember } from './event-access.ts';
import type { FactFeed } from '../live/fact-feed.ts';
import { streamFacts } from './live-routes.ts';
import { findEventId, type Found } from './request-input.ts';
import { publicOrigin } from './public-origin.ts';
import { ShareCursor } from './share-cursor.ts';
import type { EventStore, FactStore, ShareLinkRecord, ShareStore } from '../store/store.ts';

/** What the board routes need from outside. */
export interface BoardRouteOptions {
  store: EventStore & FactStore & ShareStore;
  feed: FactFeed;
  now: () => number;
  publicUrl?: string;
  heartbeatMs?: number;
}

/** A share viewer pages through the log this many facts at a time (of every unit; the page keeps theirs). */
const SHARE_PAGE = 2000;

async function boardMeta(store: EventStore, eventId: number, scope: BoardScope, now: number): Promise<BoardMeta> {
  const pkg = EventPackage.parse(await store.getPackage(eventId));
  const inScope = (id: number): boolean => scope.kind === 'event' || scope.unitId === id;
  const registeredByUnit: Record<string, number> = {};
  for (const p of pkg.participants) if (inScope(p.unitId)) registeredByUnit[p.unitId] = (registeredByUnit[p.unitId] ?? 0) + 1;
  return BoardMeta.parse({
    scope, version: pkg.version, event: pkg.event, units: pkg.units.filter((u) => inScope(u.id)),
    desks: scope.kind === 'event' ? pkg.desks : [], registeredByUnit, serverTime: now,
  });
}

/** The live share link the request's X-Share-Token names: 401 when missing, unknown or revoked. */
async function shareOf(c: Context, store: ShareStore): Promise<Found<ShareLinkRecord & { tokenHash: string }>> {
  const tokenHash = hashSecret(c.req.header(SHARE_TOKEN_HEADER) ?? '');
  const link = await store.shareLinkByTokenHash(tokenHash);
  if (!link || link.revokedAt !== undefined) return { ok: false, response: sendError(c, 'badShareLink') };
  return { ok: true, value: { ...link, tokenHash } };
}

/**
 * One unit's facts after a cursor; the cursor moves over other units' facts too, so paging
 * always ends. Cursors and seqs go out opaque (share-cursor.ts): they never count the log.
 */
async function unitFactsAfter(store: FactStore, link: ShareLinkRecord & { tokenHash: string }, after: number): Promise<{ facts: ServerFact[]; cursor: number; more: boolean }> {
  const codec = new ShareCursor(link.tokenHash);
  const page = await store.factsAfter(link.eventId, after, SHARE_PAGE + 1);
  const scanned = page.slice(0, SHARE_PAGE);
  return {
    facts: scanned.filter((f) => f.unitId === link.unitId).map((f) => ({ ...f, seq: codec.encode(f.seq) })),
    cursor: codec.encode(scanned.at(-1)?.seq ?? after),
    more: page.length > SHARE_PAGE,
  };
}

const row = (l: ShareLinkRecord): ShareLinkRow => ({ id: l.id, unitId: l.unitId, createdAt: l.createdAt, revoked: l.revokedAt !== undefined });

function mountShareAdmin(app: Hono, { store, now, publicUrl }: BoardRouteOptions): void {
  app.post('/api/events/:id/units/:unitId/shares', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    const unitId = parseId(c.req.param('unitId'));
    if (unitId === undefined) return sendError(c, 'badUnitId');
    if (!(await store.getUnit(event.value, unitId))) return sendError(c, 'unitNotFound');
    const token = newSecret();
    const link = { id: randomUUID(), eventId: event.value, unitId, tokenHash: hashSecret(token), createdAt: now() };
    await store.addShareLink(link);
    const origin = publicOrigin(c, publicUrl);
    // The token rides in the fragment, which browsers never send to a server or a proxy log.
    return c.json({ id: link.id, unitId, url: `${origin}/unit#share=${token}`, createdAt: link.createdAt } satisfies ShareLinkOffer, 201);
  });

  app.get('/api/events/:id/shares', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const event = await findEventId(c, store);
    if (!event.ok) return event.response;
    return c.json((await store.listShareLinks(event.value)).map(row));
  });

  app.post('/api/shares/:shareId/revoke', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    if (!(await store.revokeShareLink(c.req.param('shareId'), now()))) return sendError(c, 'shareNotFound');
    return c.json({ ok: true });
  });
}

/** Mounts the board metadata, share-link management, and the share viewer's reads. */
export function mountBoardRoutes(app: Hono, options: BoardRouteOptions): void {
  const { store, now } = options;
  app.get('/api/events/:id/board', async (c) => {
    const event = await eventOfMember(c, store);
    if (!event.ok) return event.response;
    c.header('Cache-Control', 'no-store');
    return c.json(await boardMeta(store, event.value, { kind: 'event' }, now()));
  });

  mountShareAdmin(app, options);

  // The token rides in a header, never the path, so proxy and access logs never hold it.
  app.get('/api/share', async (c) => {
    const link = await shareOf(c, store);
    if (!link.ok) return link.response;
    c.header('Cache-Control', 'no-store');
    return c.json(await boardMeta(store, link.value.eventId, { kind: 'unit', unitId: link.value.unitId }, now()));
  });

  app.get('/api/share/facts', async (c) => {
    const link = await shareOf(c, store);
    if (!link.ok) return link.response;
    const after = new ShareCursor(link.value.tokenHash).decode(Number(c.req.query('after') ?? 0));
    if (after === undefined) return sendError(c, 'badQuery');
    const page = await unitFactsAfter(store, link.value, after);
    return c.json(PullResponse.parse({ ...page, serverTime: now() }));
  });

  app.get('/api/share/stream', async (c) => {
    const link = await shareOf(c, store);
    if (!link.ok) return link.response;
    const { eventId, unitId } = link.value;
    return streamFacts(c, {
      store, feed: options.feed, heartbeatMs: options.heartbeatMs, eventId, keep: (f) => f.unitId === unitId,
      cursor: new ShareCursor(link.value.tokenHash),
    });
  });
}
