// The HTTP surface of the sync server, as a Hono app that tests drive in-process with
// `app.request()` and main.ts serves with @hono/node-server.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { EventPackage, type EventInfo, type Participant, type Unit } from '../shared/schemas.ts';
import { ROSTER_CHANGES_LIMIT, ROSTER_PAGE_LIMIT, RosterChanges, type DeskSetupInfo, type RosterPage } from '../shared/sync.ts';
import { parseId, sendError } from './http/errors.ts';
import { denyUnlessCoordinator, resolvePrincipal } from './http/auth.ts';
import { mountAuthRoutes } from './http/auth-routes.ts';
import { sameOriginWrites } from './http/same-origin.ts';
import { pageHeaders } from './http/page-headers.ts';
import { LoginThrottle, type LoginLimits } from './http/login-limit.ts';
import { mountBoardRoutes } from './http/board-routes.ts';
import { renderBadgeSheet } from './pages/badge-sheet.ts';
import { PRINT_SCRIPT, PRINT_SCRIPT_PATH } from './pages/html.ts';
import { renderCodesPage } from './pages/codes-page.ts';
import { mountDeskFileRoutes, isDeskFileImport } from './http/desk-file-routes.ts';
import { masksFor } from './codes/masks.ts';
import { mountDeviceRoutes } from './http/device-routes.ts';
import { EventTallies } from './live/event-tallies.ts';
import { InProcessFactFeed, type FactFeed } from './live/fact-feed.ts';
import { mountLiveRoutes } from './http/live-routes.ts';
import { mountReportRoutes } from './http/report-routes.ts';
import { mountReviewRoutes } from './http/review-routes.ts';
import { DEFAULT_RATE_LIMIT, rateLimiter, type RateLimit } from './http/rate-limit.ts';
import { findEventId, type Found } from './http/request-input.ts';
import { eventOfMember } from './http/event-access.ts';
import { rosterCsv, rosterFileName } from './roster/csv.ts';
import { ROSTER_IMPORT_PATH } from './http/roster-import-routes.ts';
import { mountSetupRoutes } from './http/setup-routes.ts';
import { mountCccdRoutes } from './http/cccd-routes.ts';
import { createSigner, type CodeSigner } from './codes/signing.ts';
import { mountStaticFiles } from './http/static-files.ts';
import type { CodeStore, EventStore, RosterStore, Store } from './store/store.ts';
import { mountSyncRoutes } from './http/sync-routes.ts';
import { mountHealth } from './ops/health.ts';
import { requestLogger, type RequestSink } from './ops/request-log.ts';

/** Largest request body: a full push batch of 500 facts is about 250 KB, so 1 MB leaves room. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** What the app needs from outside; the clock is injectable so /api/time, sessions and codes are testable. */
export interface AppOptions {
  store: Store;
  /** The built PWA; without it only /api is served (tests, API-only deployments). */
  distDir?: string;
  now?: () => number;
  /** Live-stream fan-out; in-process unless a multi-process deployment supplies another. */
  feed?: FactFeed;
  /** Per-credential request limit; `false` turns it off (in-process property tests). */
  rateLimit?: RateLimit | false;
  /** The address tablets reach the server at, for pairing links; the request's origin otherwise. */
  publicUrl?: string;
  /** SSE heartbeat period (tests shorten it). */
  heartbeatMs?: number;
  /** Receives one record per request (main.ts prints it as a JSON line and counts it). */
  requestLog?: RequestSink;
  /** Sign-in mistakes allowed before the growing delays (tests tighten them). */
  loginLimits?: LoginLimits;
}

interface UnitRoster { event: EventInfo; unit: Unit; people: Participant[] }

async function findUnit(c: Context, store: EventStore & RosterStore): Promise<Found<UnitRoster>> {
  const eventId = parseId(c.req.param('id'));
  if (eventId === undefined) return { ok: false, response: sendError(c, 'badEventId') };
  const unitId = parseId(c.req.param('unitId'));
  if (unitId === undefined) return { ok: false, response: sendError(c, 'badUnitId') };
  const event = await store.getEvent(eventId);
  if (!event) return { ok: false, response: sendError(c, 'eventNotFound') };
  const unit = await store.getUnit(eventId, unitId);
  if (!unit) return { ok: false, response: sendError(c, 'unitNotFound') };
  return { ok: true, value: { event, unit, people: await store.participantsOfUnit(eventId, unitId) } };
}

async function withCodes<P extends { no: number }>(signer: CodeSigner, eventId: number, people: P[]) {
  const rows: Array<{ person: P; code: string }> = [];
  for (const person of people) {
    const code = await signer.codeFor(eventId, person.no);
    if (code === undefined) throw new Error(`event ${eventId} lost its signing key`);
    rows.push({ person, code });
  }
  return rows;
}

function mountEventRoutes(app: Hono, store: EventStore & RosterStore, signer: CodeSigner): void {
  // Public: what a desk needs to be paired. Everything that names people or carries a signed
  // code needs a coordinator or a desk paired with the event (eventOfMember).
  app.get('/api/events', async (c) => c.json(await store.listEvents()));

  app.get('/api/events/:id/desk-setup', async (c) => {
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const pkg = (await store.getPackage(found.value))!;
    return c.json({ desks: pkg.desks, checkpoints: pkg.event.checkpoints } satisfies DeskSetupInfo);
  });

  app.get('/api/events/:id/package', async (c) => {
    const found = await eventOfMember(c, store);
    if (!found.ok) return found.response;
    // Parsed on the way out: a desk must never receive a package it would reject.
    const pkg = EventPackage.parse(await store.getPackage(found.value));
    c.header('Cache-Control', 'no-cache');
    // `?roster=none`: everything but the people, for a version check or a paged download.
    return c.json(c.req.query('roster') === 'none' ? { ...pkg, participants: [] } : pkg);
  });

  app.get('/api/events/:id/roster', async (c) => {
    const found = await eventOfMember(c, store);
    if (!found.ok) return found.response;
    const after = Number(c.req.query('after') ?? 0);
    const limit = Math.min(ROSTER_PAGE_LIMIT, Math.max(1, Number(c.req.query('limit') ?? ROSTER_PAGE_LIMIT)));
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit)) return sendError(c, 'badRequest');
    const pkg = (await store.getPackage(found.value))!;
    const rest = pkg.participants.filter((p) => p.no > after);
    const participants = rest.slice(0, limit);
    const page: RosterPage = {
      version: pkg.version, participants,
      next: rest.length > limit ? participants[participants.length - 1]!.no : null,
    };
    c.header('Cache-Control', 'no-cache');
    return c.json(page);
  });

  // The roster's changes since a desk's cursor, so an edit or a new registration costs a desk
  // a few rows instead of the whole roster.
  app.get('/api/events/:id/roster/changes', async (c) => {
    const found = await eventOfMember(c, store);
    if (!found.ok) return found.response;
    const after = Number(c.req.query('after') ?? 0);
    const limit = Math.min(ROSTER_CHANGES_LIMIT, Math.max(1, Number(c.req.query('limit') ?? ROSTER_CHANGES_LIMIT)));
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isInteger(limit)) return sendError(c, 'badQuery');
    const { changes, rosterSeq } = await store.rosterChangesAfter(found.value, after, limit + 1);
    c.header('Cache-Control', 'no-cache');
    return c.json(RosterChanges.parse({ changes: changes.slice(0, limit), rosterSeq, more: changes.length > limit }));
  });

  app.get('/api/events/:id/codes', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const pkg = EventPackage.parse(await store.getPackage(found.value));
    return c.html(renderCodesPage(pkg));
  });

  app.get('/api/events/:id/participants/:no/code', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findEventId(c, store);
    if (!found.ok) return found.response;
    const no = parseId(c.req.param('no'), { allowZero: true });
    if (no === undefined) return sendError(c, 'badCodeNo');
    if (!(await store.getParticipant(found.value, no))) return sendError(c, 'participantNotFound');
    return c.json({ no, code: await signer.codeFor(found.value, no) });
  });
}

// Badge sheets and roster CSVs carry valid signed codes: only a coordinator prints them.
function mountUnitRoutes(app: Hono, store: EventStore & RosterStore & CodeStore, signer: CodeSigner): void {
  app.get('/api/events/:id/units/:unitId/badges', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findUnit(c, store);
    if (!found.ok) return found.response;
    const { event, unit, people } = found.value;
    const rows = await withCodes(signer, event.id, people);
    const masks = await masksFor(store, event.id, rows.map(({ person, code }) => ({ no: person.no, code })));
    return c.html(await renderBadgeSheet(event, unit, rows.map((row, i) => ({ ...row, mask: masks[i]! }))));
  });

  app.get('/api/events/:id/units/:unitId/roster.csv', async (c) => {
    const denied = denyUnlessCoordinator(c);
    if (denied) return denied;
    const found = await findUnit(c, store);
    if (!found.ok) return found.response;
    const { event, unit, people } = found.value;
    const rows = await withCodes(signer, event.id, people);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${rosterFileName(event.id, unit)}"`);
    return c.body(rosterCsv(unit, rows));
  });
}

/** Builds the whole server; no IO happens until a request arrives. */
export function createApp(options: AppOptions): Hono {
  const { store, distDir, now = Date.now, feed = new InProcessFactFeed(), rateLimit = DEFAULT_RATE_LIMIT } = options;
  const app = new Hono();
  const signer = createSigner(store);
  app.use('*', pageHeaders());
  if (options.requestLog) app.use('*', requestLogger(options.requestLog));
  mountHealth(app, store);
  const smallBodies = bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: (c) => sendError(c, 'tooLarge') });
  // A desk file (a whole day of one desk) and a roster upload set their own, larger limits.
  app.use('/api/*', except(ROSTER_IMPORT_PATH, (c, next) => (isDeskFileImport(c.req.path) ? next() : smallBodies(c, next))));
  app.use('/api/*', sameOriginWrites({ publicUrl: options.publicUrl }));
  app.use('/api/*', resolvePrincipal(store, now));
  if (rateLimit) app.use('/api/*', rateLimiter(rateLimit, now));
  app.get('/api/time', (c) => c.json({ now: now() }));
  app.get(PRINT_SCRIPT_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PRINT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  mountEventRoutes(app, store, signer);
  mountUnitRoutes(app, store, signer);
  mountAuthRoutes(app, store, now, new LoginThrottle(options.loginLimits));
  mountDeviceRoutes(app, { store, now, publicUrl: options.publicUrl });
  // One held tally per event for the whole app: snapshots and pull answers read it (issue 13).
  const tallies = new EventTallies(store);
  mountSyncRoutes(app, { store, feed, tallies, now });
  mountLiveRoutes(app, { store, feed, tallies, heartbeatMs: options.heartbeatMs });
  mountReviewRoutes(app, { store, feed, now });
  mountBoardRoutes(app, { store, feed, now, publicUrl: options.publicUrl, heartbeatMs: options.heartbeatMs });
  mountReportRoutes(app, { store, now });
  mountDeskFileRoutes(app, { store, feed, now });
  mountSetupRoutes(app, { store, signer, feed, now, publicUrl: options.publicUrl });
  mountCccdRoutes(app, { store, now });
  app.all('/api/*', (c) => sendError(c, 'routeNotFound'));
  if (distDir) mountStaticFiles(app, distDir);
  app.notFound((c) => (c.req.path.startsWith('/api/') ? sendError(c, 'routeNotFound') : c.text('Not found', 404)));
  app.onError((error, c) => {
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return sendError(c, 'internal');
  });
  return app;
}
