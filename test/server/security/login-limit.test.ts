// Issue 13, item 9: wrong passwords are limited per account and per address with growing delays,
// answered 429 with the wait in Vietnamese (and Retry-After), and a login flood runs at most a
// couple of scrypt hashes at once, so the libuv pool stays free for static files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/sync.ts';
import { MAX_CONCURRENT_SCRYPT, takeScryptPeak } from '../../../src/server/http/auth-secrets.ts';
import { COORDINATOR, jsonInit } from '../../support/sync-session.ts';
import { openSyncFixture, type SyncFixture } from '../http/sync-fixture.ts';

describe('sign-in limits', () => {
  let fx: SyncFixture;
  beforeEach(async () => { fx = await openSyncFixture(); });
  afterEach(() => fx.close());

  const attempt = (password: string, username: string = COORDINATOR.username) =>
    fx.fetcher('/api/login', jsonInit('POST', { username, password }));

  it('locks an account after five mistakes, for a delay that says how long and grows', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau')).status).toBe(401);
    expect((await attempt('sai-mat-khau')).status).toBe(401); // the sixth mistake starts the lock
    const locked = await attempt(COORDINATOR.password); // even the right password waits
    expect(locked.status).toBe(429);
    const wait = Number(locked.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    const error = ApiError.parse(await locked.json()).error;
    expect(error.code).toBe('loginLocked');
    expect(error.vi).toBe(`Đăng nhập sai quá nhiều lần. Vui lòng chờ ${wait} giây rồi thử lại.`);

    fx.clock.now += wait * 1000;
    expect((await attempt('sai-mat-khau')).status).toBe(401);
    const longer = await attempt(COORDINATOR.password);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(wait);

    fx.clock.now += Number(longer.headers.get('retry-after')) * 1000;
    expect((await attempt(COORDINATOR.password)).status).toBe(200); // and a success clears the account
    expect((await attempt('sai-mat-khau')).status).toBe(401);
  }, 30_000);

  it('locks an address that tries many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await attempt('sai-mat-khau', `nguoi-${i}`)).status);
    expect(statuses.slice(0, 21).every((s) => s === 401)).toBe(true);
    expect(statuses[21]).toBe(429);
    expect((await attempt(COORDINATOR.password)).status).toBe(429);
  }, 30_000); // twenty-odd scrypt hashes

  it('runs at most a couple of scrypt hashes at once under a flood', async () => {
    takeScryptPeak();
    const flood = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('sai-mat-khau', `khach-${i}`)));
    expect(flood.every((r) => r.status === 401)).toBe(true);
    expect(takeScryptPeak()).toBeLessThanOrEqual(MAX_CONCURRENT_SCRYPT);
  }, 30_000);
});
