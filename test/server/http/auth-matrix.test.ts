// Every route × {nobody, desk token, revoked desk token, coordinator cookie} → the status it must answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/sync.ts';
import { writeDeskFile } from '../../../src/domain/desk-file.ts';
import { admitFact, jsonInit, type Credentials } from '../../support/sync-session.ts';
import { openSyncFixture, T0, type PairedDesk, type SyncFixture } from './sync-fixture.ts';

type Who = 'none' | 'desk' | 'revoked' | 'coordinator';
const WHO: readonly Who[] = ['none', 'desk', 'revoked', 'coordinator'];

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: string | ((ctx: Ctx) => string);
  body?: (ctx: Ctx, who: Who) => unknown;
  expect: Record<Who, number>;
}

interface Ctx { desk: PairedDesk; revoked: PairedDesk; victims: PairedDesk[] }

const all = (status: number): Record<Who, number> => ({ none: status, desk: status, revoked: status, coordinator: status });
const deskOrCoordinator = { none: 401, desk: 200, revoked: 401, coordinator: 200 };
const coordinatorOnly = (ok: number) => ({ none: 401, desk: 403, revoked: 401, coordinator: ok });

const factsFor = (ctx: Ctx, eventId: number) => ({
  facts: [admitFact({ ...ctx.desk, eventId }, { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T0 })],
  pending: 0,
});

/** A desk's sync file as parsed JSON (jsonInit writes it back; the checksum is over the canonical body). */
const deskFileFor = (ctx: Ctx, eventId: number): unknown => JSON.parse(writeDeskFile({
  eventId, deviceId: ctx.desk.deviceId, deskId: ctx.desk.deskId, exportedAt: T0, facts: factsFor(ctx, eventId).facts,
}));

const ROUTES: Route[] = [
  { name: 'health', method: 'GET', path: '/api/health', expect: all(200) },
  { name: 'time', method: 'GET', path: '/api/time', expect: all(200) },
  { name: 'who am I', method: 'GET', path: '/api/me', expect: { none: 200, desk: 200, revoked: 401, coordinator: 200 } },
  // Reads that name people or carry signed codes: the event's desks and coordinators, or coordinators only.
  { name: 'event list', method: 'GET', path: '/api/events', expect: all(200) },
  { name: 'package', method: 'GET', path: '/api/events/1/package', expect: deskOrCoordinator },
  { name: 'roster page', method: 'GET', path: '/api/events/1/roster?after=0&limit=10', expect: deskOrCoordinator },
  { name: 'roster changes', method: 'GET', path: '/api/events/1/roster/changes?after=0&limit=10', expect: deskOrCoordinator },
  { name: 'roster changes of another event', method: 'GET', path: '/api/events/2/roster/changes', expect: { none: 401, desk: 403, revoked: 401, coordinator: 200 } },
  { name: 'roster changes, bad cursor', method: 'GET', path: '/api/events/1/roster/changes?after=-1', expect: { none: 401, desk: 400, revoked: 401, coordinator: 400 } },
  { name: 'desk set-up (public, to pair)', method: 'GET', path: '/api/events/1/desk-setup', expect: all(200) },
  { name: 'codes page', method: 'GET', path: '/api/events/1/codes', expect: coordinatorOnly(200) },
  { name: 'one code', method: 'GET', path: '/api/events/1/participants/1/code', expect: coordinatorOnly(200) },
  { name: 'badge sheet', method: 'GET', path: '/api/events/1/units/1/badges', expect: coordinatorOnly(200) },
  { name: 'roster CSV', method: 'GET', path: '/api/events/1/units/1/roster.csv', expect: coordinatorOnly(200) },
  { name: 'reports page', method: 'GET', path: '/api/events/1/reports', expect: coordinatorOnly(200) },
  { name: 'participants report CSV', method: 'GET', path: '/api/events/1/reports/participants.csv', expect: coordinatorOnly(200) },
  { name: 'units report CSV', method: 'GET', path: '/api/events/1/reports/units.csv?lang=en', expect: coordinatorOnly(200) },
  { name: 'scan log CSV', method: 'GET', path: '/api/events/1/reports/scans.csv', expect: coordinatorOnly(200) },
  { name: 'printed report', method: 'GET', path: '/api/events/1/reports/print', expect: coordinatorOnly(200) },
  { name: 'printed unit report', method: 'GET', path: '/api/events/1/reports/print/1', expect: coordinatorOnly(200) },
  { name: 'printed report, unknown unit', method: 'GET', path: '/api/events/1/reports/print/999', expect: coordinatorOnly(404) },
  { name: 'desk file import', method: 'POST', path: '/api/events/1/desk-file', body: (ctx) => deskFileFor(ctx, 1), expect: coordinatorOnly(200) },
  { name: 'desk file of another event', method: 'POST', path: '/api/events/2/desk-file', body: (ctx) => deskFileFor(ctx, 1), expect: coordinatorOnly(400) },
  { name: 'login, wrong password', method: 'POST', path: '/api/login', body: () => ({ username: 'dieuphoi', password: 'sai-mat-khau' }), expect: all(401) },
  { name: 'setup, spent token', method: 'POST', path: '/api/setup-password', body: () => ({ token: 'x'.repeat(43), password: 'mat-khau-moi' }), expect: all(401) },
  { name: 'pair, bad code', method: 'POST', path: '/api/pair', body: () => ({ code: 'ABCDEFGH', deviceName: 'Máy', deskId: 'ban-1' }), expect: all(401) },
  { name: 'new pairing code', method: 'POST', path: '/api/events/1/pairings', body: () => ({}), expect: coordinatorOnly(201) },
  { name: 'pairing code, unknown event', method: 'POST', path: '/api/events/999/pairings', body: () => ({}), expect: coordinatorOnly(404) },
  { name: 'device list', method: 'GET', path: '/api/events/1/devices', expect: coordinatorOnly(200) },
  {
    name: 'revoke', method: 'POST', body: () => ({}), expect: coordinatorOnly(200),
    path: (ctx) => `/api/events/1/devices/${ctx.victims[0]!.deviceId}/revoke`,
  },
  { name: 'revoke unknown device', method: 'POST', path: '/api/events/1/devices/no-such-device/revoke', body: () => ({}), expect: coordinatorOnly(404) },
  { name: 'push', method: 'POST', path: '/api/events/1/facts', body: (ctx) => factsFor(ctx, 1), expect: deskOrCoordinator },
  { name: 'push to another event', method: 'POST', path: '/api/events/2/facts', body: (ctx) => factsFor(ctx, 2), expect: { none: 401, desk: 403, revoked: 401, coordinator: 200 } },
  { name: 'push to unknown event', method: 'POST', path: '/api/events/999/facts', body: (ctx) => factsFor(ctx, 999), expect: { none: 401, desk: 404, revoked: 401, coordinator: 404 } },
  { name: 'pull', method: 'GET', path: '/api/events/1/facts?after=0', expect: deskOrCoordinator },
  { name: 'pull another event', method: 'GET', path: '/api/events/2/facts', expect: { none: 401, desk: 403, revoked: 401, coordinator: 200 } },
  { name: 'review list', method: 'GET', path: '/api/events/1/reviews', expect: coordinatorOnly(200) },
  { name: 'coordinator undo, unknown fact', method: 'POST', path: '/api/events/1/facts/01900000-0000-7000-8000-000000000000/void', body: () => ({}), expect: coordinatorOnly(404) },
  { name: 'tally', method: 'GET', path: '/api/events/1/tally', expect: deskOrCoordinator },
  { name: 'stream', method: 'GET', path: '/api/events/1/stream', expect: deskOrCoordinator },
  { name: 'stream of another event', method: 'GET', path: '/api/events/3/stream', expect: { none: 401, desk: 403, revoked: 401, coordinator: 200 } },
  { name: 'board', method: 'GET', path: '/api/events/1/board', expect: deskOrCoordinator },
  { name: 'board of another event', method: 'GET', path: '/api/events/2/board', expect: { none: 401, desk: 403, revoked: 401, coordinator: 200 } },
  { name: 'stream after a cursor', method: 'GET', path: '/api/events/1/stream?after=0', expect: deskOrCoordinator },
  { name: 'new share link', method: 'POST', path: '/api/events/1/units/1/shares', body: () => ({}), expect: coordinatorOnly(201) },
  { name: 'share link, unknown unit', method: 'POST', path: '/api/events/1/units/999/shares', body: () => ({}), expect: coordinatorOnly(404) },
  { name: 'share links list', method: 'GET', path: '/api/events/1/shares', expect: coordinatorOnly(200) },
  { name: 'revoke unknown share link', method: 'POST', path: '/api/shares/no-such-link/revoke', body: () => ({}), expect: coordinatorOnly(404) },
  // A share token is the credential itself: a wrong one is refused whoever asks.
  { name: 'share view, no token', method: 'GET', path: '/api/share', expect: all(401) },
  { name: 'share facts, no token', method: 'GET', path: '/api/share/facts', expect: all(401) },
  { name: 'share stream, no token', method: 'GET', path: '/api/share/stream', expect: all(401) },
  { name: 'unknown api route', method: 'GET', path: '/api/nothing', expect: all(404) },
  // Last: the coordinator's logout ends the session the rows above use.
  { name: 'logout', method: 'POST', path: '/api/logout', body: () => ({}), expect: all(200) },
];

describe('auth matrix', () => {
  let fx: SyncFixture;
  let ctx: Ctx;
  const credentials = (who: Who): Credentials => {
    switch (who) {
      case 'none': return undefined;
      case 'desk': return ctx.desk.auth;
      case 'revoked': return ctx.revoked.auth;
      case 'coordinator': return fx.coordinator;
    }
  };

  beforeAll(async () => {
    fx = await openSyncFixture();
    ctx = { desk: await fx.pair({ deskId: 'ban-1' }), revoked: await fx.pair({ deskId: 'ban-2' }), victims: [await fx.pair({ deskId: 'ban-3' })] };
    const revoke = await fx.fetcher(`/api/events/1/devices/${ctx.revoked.deviceId}/revoke`, jsonInit('POST', {}, fx.coordinator));
    expect(revoke.status).toBe(200);
  });
  afterAll(() => fx.close());

  const cases = ROUTES.flatMap((route) => WHO.map((who) => ({ route, who, status: route.expect[who] })));
  it.each(cases)('$route.name as $who → $status', async ({ route, who, status }) => {
    const path = typeof route.path === 'function' ? route.path(ctx) : route.path;
    const init = route.body ? jsonInit(route.method, route.body(ctx, who), credentials(who)) : jsonInit(route.method, undefined, credentials(who));
    if (!route.body) delete init.body;
    const response = await fx.fetcher(path, init);
    expect(response.status).toBe(status);
    if (status >= 400) {
      const body = ApiError.parse(await response.json());
      expect(body.error.vi.length).toBeGreaterThan(0);
      if (who === 'revoked' && status === 401 && route.name !== 'login, wrong password'
        && !route.name.startsWith('setup') && !route.name.startsWith('pair,') && !route.name.startsWith('share ')) {
        expect(body.error.code).toBe('revoked');
        expect(body.error.vi).toMatch(/^Thiết bị này đã bị thu hồi quyền/);
      }
    } else {
      await response.body?.cancel(); // the stream never ends by itself
    }
  });
});
