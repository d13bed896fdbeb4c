// Sign-in, the setup link, pairing codes, revocation and rate limits, with the clock moved by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, PairResponse } from '../../../src/shared/sync.ts';
import { PAIRING_ALPHABET } from '../../../src/server/http/auth-secrets.ts';
import { createApp } from '../../../src/server/app.ts';
import { inviteFirstCoordinator } from '../../../src/server/http/coordinator-setup.ts';
import { admitFact, authHeaders, jsonInit, login, pushRaw, COORDINATOR } from '../../support/sync-session.ts';
import { PROJECT_ROOT } from '../../support/server.ts';
import { openSyncFixture, T0, type SyncFixture } from './sync-fixture.ts';
import { openTempStore } from '../store/temp-store.ts';

const HOUR = 3_600_000;

describe('coordinator sign-in', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture(); });
  afterEach(() => fx.close());
  const me = async (cookie: string) => (await fx.fetcher('/api/me', { headers: { cookie } })).json();

  it('sets an HttpOnly, SameSite=Strict, 12-hour session cookie, Secure only over https', async () => {
    const plain = await fx.app.request('http://venue.local/api/login', jsonInit('POST', COORDINATOR));
    const cookie = plain.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^dd_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const secure = await fx.app.request('https://venue.example/api/login', jsonInit('POST', COORDINATOR));
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(await me(fx.coordinator.cookie)).toEqual({ kind: 'coordinator', username: COORDINATOR.username });
  });

  it('refuses a wrong password or unknown user alike, and ends sessions at logout and after 12 hours', async () => {
    for (const account of [{ ...COORDINATOR, password: 'sai-roi-nhe' }, { username: 'ai-do', password: COORDINATOR.password }]) {
      const response = await fx.fetcher('/api/login', jsonInit('POST', account));
      expect(response.status).toBe(401);
      expect(ApiError.parse(await response.json()).error.code).toBe('badLogin');
    }
    const second = await login(fx.fetcher);
    await fx.fetcher('/api/logout', { method: 'POST', headers: authHeaders(second) });
    expect(await me(second.cookie)).toEqual({ kind: 'none' });
    fx.clock.now = T0 + 12 * HOUR + 1;
    expect(await me(fx.coordinator.cookie)).toEqual({ kind: 'none' });
  });

  it('stores no password, session id or token in the clear', async () => {
    const desk = await fx.pair({ deskId: 'ban-1' });
    const file = [fx.temp.file, `${fx.temp.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
    for (const secret of [COORDINATOR.password, fx.coordinator.cookie.split('=')[1]!, desk.token]) {
      expect(file.includes(Buffer.from(secret).toString('latin1'))).toBe(false);
    }
  });

  it('issues a one-time setup link on first start that sets the password once', async () => {
    expect(await inviteFirstCoordinator(fx.temp.store, { origin: 'http://localhost:8080', now: T0 })).toBeUndefined();
    const first = await openTempStore(); // a first start: no account at all
    try {
      const app = createApp({ store: first.store, now: () => T0, rateLimit: false });
      const invite = await inviteFirstCoordinator(first.store, { origin: 'http://localhost:8080', now: T0 });
      expect(first.store.listCoordinators()).toEqual([{ username: 'admin' }]);
      expect(invite?.link).toMatch(/^http:\/\/localhost:8080\/setup#token=[A-Za-z0-9_-]{43}$/);
      const token = invite!.link.split('#token=')[1]!;
      const setup = (password: string) => app.request('/api/setup-password', jsonInit('POST', { token, password }));
      expect((await setup('ngắn')).status).toBe(400);
      const set = await setup('mật khẩu mới đây');
      expect(set.status).toBe(200);
      expect(set.headers.get('set-cookie')).toMatch(/^dd_session=/);
      expect((await setup('mật khẩu khác nữa')).status).toBe(401);
      expect((await app.request('/api/login', jsonInit('POST', { username: 'admin', password: 'mật khẩu mới đây' }))).status).toBe(200);
      expect(await inviteFirstCoordinator(first.store, { origin: 'http://localhost:8080', now: T0 })).toBeUndefined();
    } finally {
      first.remove();
    }
  });

  it('sets a password from the command line, read from stdin', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/set-password.ts', 'truongban'], {
      cwd: PROJECT_ROOT, input: 'mật-khẩu-dòng-lệnh\n', env: { ...process.env, DATA_DIR: fx.temp.dir }, encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(fx.temp.store.getCoordinator('truongban')?.passwordHash).toMatch(/^[0-9a-f]{128}$/);
    const short = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/set-password.ts', 'x', '--password', 'short'], {
      cwd: PROJECT_ROOT, env: { ...process.env, DATA_DIR: fx.temp.dir }, encoding: 'utf8',
    });
    expect(short.status).toBe(1);
  }, 30_000);
});

describe('pairing and revocation', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture(); });
  afterEach(() => fx.close());
  const offer = async () => (await (await fx.fetcher('/api/events/1/pairings', jsonInit('POST', {}, fx.coordinator))).json()) as { code: string; expiresAt: number; pairUrl: string };
  const pair = (code: string, extra: Record<string, unknown> = {}, token?: string) =>
    fx.fetcher('/api/pair', jsonInit('POST', { code, deviceName: 'Máy tính bảng 1', deskId: 'ban-2', ...extra }, token ? { token } : undefined));

  it('gives an 8-letter unambiguous code for ten minutes, usable once', async () => {
    const { code, expiresAt, pairUrl } = await offer();
    expect(code).toMatch(new RegExp(`^[${PAIRING_ALPHABET}]{8}$`));
    expect(code).not.toMatch(/[01IO]/);
    expect(expiresAt).toBe(T0 + 10 * 60_000);
    expect(pairUrl).toBe(`http://localhost/#pair=${code}`);
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`; // typed by hand
    const first = await pair(typed);
    expect(first.status).toBe(200);
    expect(PairResponse.parse(await first.json())).toMatchObject({ eventId: 1, deskId: 'ban-2' });
    const reuse = await pair(code);
    expect(reuse.status).toBe(401);
    expect(ApiError.parse(await reuse.json()).error).toMatchObject({ code: 'badPairingCode', vi: expect.stringMatching(/hết hạn/) });
  });

  it('refuses an expired code, and an unknown desk without spending the code', async () => {
    const late = await offer();
    fx.clock.now = T0 + 10 * 60_000;
    expect((await pair(late.code)).status).toBe(401);
    const ok = await offer();
    expect((await pair(ok.code, { deskId: 'ban-99' })).status).toBe(400);
    expect((await pair(ok.code)).status).toBe(200);
  });

  it('keeps the id a device made for itself, and re-pairing lifts a revocation', async () => {
    const deviceId = '01900000-0000-7000-8000-000000000001';
    const first = PairResponse.parse(await (await pair((await offer()).code, { deviceId })).json());
    expect(first.deviceId).toBe(deviceId);
    await fx.fetcher(`/api/events/1/devices/${deviceId}/revoke`, jsonInit('POST', {}, fx.coordinator));
    const fact = admitFact({ eventId: 1, deviceId, deskId: 'ban-2' }, { personKey: '1', unitId: 1, category: 'Người hiến máu', deviceTime: T0 });
    const refused = await pushRaw(fx.fetcher, { token: first.token }, 1, [fact]);
    expect(refused.status).toBe(401);
    expect(ApiError.parse(await refused.json()).error).toMatchObject({ code: 'revoked', vi: expect.stringMatching(/^Thiết bị này đã bị thu hồi quyền/) });
    const again = PairResponse.parse(await (await pair((await offer()).code, { deviceId }, first.token)).json());
    expect((await pushRaw(fx.fetcher, { token: again.token }, 1, [fact])).status).toBe(200);
    expect((await pushRaw(fx.fetcher, { token: first.token }, 1, [fact])).status).toBe(401); // the old token stays dead
    const devices = await (await fx.fetcher('/api/events/1/devices', { headers: { cookie: fx.coordinator.cookie } })).json() as Array<{ id: string; revoked: boolean }>;
    expect(devices.filter((d) => d.id === deviceId)).toMatchObject([{ revoked: false }]);
  });
});

describe('rate limits', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture({ rateLimit: { perSecond: 20, burst: 40 } }); });
  afterEach(() => fx.close());

  it('answers a flooding token with 429 and Retry-After while another token goes on', async () => {
    const flooder = await fx.pair({ deskId: 'ban-1' });
    const calm = await fx.pair({ deskId: 'ban-2' });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await fx.fetcher('/api/events/1/facts', { headers: { authorization: `Bearer ${flooder.token}` } })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    const limited = await fx.fetcher('/api/events/1/facts', { headers: { authorization: `Bearer ${flooder.token}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(ApiError.parse(await limited.json()).error.code).toBe('rateLimited');
    expect((await fx.fetcher('/api/events/1/facts', { headers: { authorization: `Bearer ${calm.token}` } })).status).toBe(200);
    fx.clock.now += 1000; // a second later the bucket has 20 tokens again
    expect((await fx.fetcher('/api/events/1/facts', { headers: { authorization: `Bearer ${flooder.token}` } })).status).toBe(200);
  });
});
